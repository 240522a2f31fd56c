from django.core.management.base import BaseCommand

from outbox import services


class Command(BaseCommand):
    help = "Hand out due outbox items (e-mails, jobs). Run from cron every minute when there is no Celery beat."

    def handle(self, *args, **options):
        ids = services.sweep()
        self.stdout.write(f"{len(ids)} outbox item(s) handed out")
