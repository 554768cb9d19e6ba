import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from measures.provenance_loading import ProvenanceDocumentError, provenance_load


class Command(BaseCommand):
    help = (
        "Fill in where each indicator's figures come from (source, producer, frequency, and the "
        "release date of baselines the plan published) from the plan's own words. Run it after "
        "load_plan. Only empty fields are filled, so what Editors recorded since is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="Provenance document. Default: fixtures/indicator-provenance-2024-2027.json",
        )

    def handle(self, *args, path: Path | None = None, **options):
        path = path or Path(settings.BASE_DIR) / "fixtures" / "indicator-provenance-2024-2027.json"
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            changed = provenance_load(document=document)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path} was not loaded: {exc}") from exc
        except ProvenanceDocumentError as exc:
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path} was not loaded; nothing was changed. Fix these and run again:\n{problems}"
            ) from exc
        if not changed:
            self.stdout.write(f"{path}: already loaded, nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{path}: filled in {changed} records."))
