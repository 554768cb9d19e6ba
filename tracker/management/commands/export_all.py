from pathlib import Path

from django.core.management.base import BaseCommand

from tracker.export import default_name, export_all


class Command(BaseCommand):
    help = (
        "Write a full export for another system: every table as JSON (history included), "
        "accounts without passwords, and the published report files, in one zip."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="The zip file to write.")

    def handle(self, *args, path, **options):
        target = Path(path or default_name())
        manifest = export_all(path=target)
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Exported {len(manifest['tables'])} tables ({rows} rows) and "
            f"{len(manifest['files'])} published files to {target}."
        )
