from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actions.plan_document import PlanDocumentError, read_plan_document
from actions.services import plan_load


class Command(BaseCommand):
    help = (
        "Load a delivery plan (themes, actions, owners, indicators and baselines) from a plan "
        "document. Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="Plan document to load. Default: fixtures/plan-2024-2027.json",
        )

    def handle(self, *args, path: Path | None = None, **options):
        path = path or Path(settings.BASE_DIR) / "fixtures" / "plan-2024-2027.json"
        try:
            result = plan_load(document=read_plan_document(path))
        except PlanDocumentError as exc:
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path} was not loaded; nothing was changed. Fix these and run again:\n{problems}"
            ) from exc
        if not result.changed:
            self.stdout.write(f"{path}: already loaded, nothing changed.")
            return
        for label, bucket in (("created", result.created), ("updated", result.updated)):
            if bucket:
                parts = ", ".join(f"{count} {name}" for name, count in sorted(bucket.items()))
                self.stdout.write(f"{path}: {label} {parts}.")
        self.stdout.write(self.style.SUCCESS(f"{path}: loaded."))
