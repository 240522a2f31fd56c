import time

from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, DEMO_USERS, seed_all


class Command(BaseCommand):
    help = "Create or update the demo tour, meetings, memoranda, programs, proposals and demo accounts."

    def handle(self, *args, **options):
        started = time.perf_counter()
        stats = seed_all()
        elapsed = time.perf_counter() - started
        self.stdout.write(str(stats))
        if not stats.changed:
            self.stdout.write("The demo data was already complete: nothing changed.")
        self.stdout.write(
            f"Demo accounts (demo only!): {', '.join(DEMO_USERS)}; password {DEMO_PASSWORD!r}. Done in {elapsed:.1f} s."
        )
