from pathlib import Path

import environ
from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup into a new, empty database and check every table's row count and "
        "every report file's sha256 against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (made by manage.py backup).")
        parser.add_argument(
            "--database-url",
            required=True,
            help="The empty database to restore into, e.g. postgres://user@host/tracker_new "
            "or sqlite:////srv/tracker/restored.sqlite3",
        )
        parser.add_argument(
            "--media-root",
            default=None,
            help="A local folder for the report files instead of the configured file storage "
            "(FILE_STORAGE, README 'Shared file storage').",
        )

    def handle(self, *args, folder, database_url, media_root, **options):
        try:
            target = environ.Env.db_url_config(database_url)
        except Exception as exc:  # noqa: BLE001 - any unreadable address gets the same answer
            raise CommandError(f"--database-url is not a database address: {exc}") from exc
        try:
            result = backup_restore(
                folder=Path(folder),
                target=target,
                storage=FileSystemStorage(location=media_root) if media_root else None,
            )
        except (BackupError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {result['tables']} tables ({result['rows']} rows) and {result['files']} "
            "files; every count and checksum matches the backup."
        )
