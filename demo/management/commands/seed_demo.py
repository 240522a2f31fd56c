import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_PASSWORD, DEMO_USERS, seed_all


class Command(BaseCommand):
    help = "Create or update the demo tour, meetings, memoranda, programs, proposals and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off (a staging copy, tests). Never on production data.",
        )

    def handle(self, *args, allow_without_debug=False, **options):
        # The demo accounts share a published password: refuse where DEBUG is off, i.e. production.
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: this looks like production. The demo accounts have a public password; "
                "pass --allow-without-debug only on a demo or staging copy."
            )
        started = time.perf_counter()
        stats = seed_all()
        elapsed = time.perf_counter() - started
        self.stdout.write(str(stats))
        if not stats.changed:
            self.stdout.write("The demo data was already complete: nothing changed.")
        self.stdout.write(
            f"Demo accounts (demo only!): {', '.join(DEMO_USERS)}; password {DEMO_PASSWORD!r}. Done in {elapsed:.1f} s."
        )
