from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (every table, history included) and the report files."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new folder to write the backup into.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup_create(folder=Path(folder))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({rows} rows) and "
            f"{len(manifest['files'])} files to {folder}."
        )
