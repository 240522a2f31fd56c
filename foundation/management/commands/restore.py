from django.core.management.base import BaseCommand, CommandError

from foundation import backups


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an EMPTY database and an EMPTY media storage, then check "
        "every table's row count and every file's hash."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a folder written by `manage.py backup`")
        parser.add_argument(
            "--database-url", help="target database (postgres://... or sqlite:///path); default: DATABASE_URL"
        )

    def handle(self, source, database_url=None, **options):
        try:
            summary = backups.restore(source, database_url=database_url)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Restored {summary['tables']} tables, {summary['rows']} rows, {summary['files']} files; "
            "row counts and file hashes match the backup."
        )
