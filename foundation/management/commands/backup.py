from django.core.management.base import BaseCommand, CommandError

from foundation import backups


class Command(BaseCommand):
    help = "Write a consistent backup (database dump + every media file + manifest) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="folder to create (must not exist or be empty)")

    def handle(self, dest, **options):
        try:
            manifest = backups.backup(dest)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backup in {dest}: {len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows, "
            f"{len(manifest['files'])} files"
        )
