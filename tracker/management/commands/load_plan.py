from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracker.plan_document import PlanDocumentError, read_plan_document
from tracker.plan_lineage import is_lineage_document, lineage_load
from tracker.plan_loading import plan_load
from tracker.plan_welsh import WelshDocumentError
from tracker.translations_io import translation_states_record

# Every plan of the strategy, in the order they load: the first brings the strategy and its
# themes, the later ones refer to them; the lineage links name actions of all three.
ALL_DOCUMENTS = (
    "plan-2024-2027.json",
    "plan-2022-2023.json",
    "plan-mental-health-workforce.json",
    "lineage-proposals.json",
)


def welsh_path(path: Path) -> Path:
    """The Welsh file beside a plan document: plan-2024-2027.json -> plan-2024-2027.cy.json."""
    return path.with_name(f"{path.stem}.cy{path.suffix}")


class Command(BaseCommand):
    help = (
        "Load a delivery plan (themes, actions, owners, indicators and baselines) from a plan "
        "document, and its Welsh text from the .cy.json file beside it if there is one. Safe to "
        "run again: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="Plan document to load. Default: fixtures/plan-2024-2027.json",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Load every plan in fixtures/ and the proposed lineage links between them.",
        )
        parser.add_argument(
            "--without-welsh",
            action="store_true",
            help="Do not load the Welsh file beside the plan document, even if there is one.",
        )
        parser.add_argument(
            "--replace-welsh",
            action="store_true",
            help=(
                "Overwrite Welsh texts already in the database (and the translation status) "
                "with the files' Welsh. Without it, Welsh that staff corrected is kept."
            ),
        )

    def handle(
        self,
        *args,
        path: Path | None = None,
        without_welsh: bool = False,
        replace_welsh: bool = False,
        all: bool = False,
        **options,
    ):
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        if all:
            for name in ALL_DOCUMENTS:
                self.handle(
                    path=fixtures / name, without_welsh=without_welsh, replace_welsh=replace_welsh
                )
            return
        path = path or fixtures / "plan-2024-2027.json"
        cy_path = welsh_path(path)
        load_welsh = not without_welsh and cy_path.exists()
        failed = path
        try:
            document = read_plan_document(path)
            if is_lineage_document(document):
                added, kept = lineage_load(document=document)
                self.stdout.write(f"{path}: {added} links proposed, {kept} already there.")
                return
            failed = cy_path
            welsh = read_plan_document(cy_path) if load_welsh else None
            failed = path
            result = plan_load(document=document, welsh=welsh, replace_welsh=replace_welsh)
        except PlanDocumentError as exc:
            if isinstance(exc, WelshDocumentError):
                failed = cy_path
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(
                f"{failed} was not loaded; nothing was changed. Fix these and run again:\n"
                f"{problems}"
            ) from exc
        loaded = f"{path} and {cy_path.name}" if load_welsh else str(path)
        if load_welsh:
            # The Welsh just loaded is the tracker's own translation of today's English.
            translation_states_record(replace=replace_welsh)
        if not result.changed:
            self.stdout.write(f"{loaded}: already loaded, nothing changed.")
            return
        for label, bucket in (("created", result.created), ("updated", result.updated)):
            if bucket:
                parts = ", ".join(f"{count} {name}" for name, count in sorted(bucket.items()))
                self.stdout.write(f"{loaded}: {label} {parts}.")
        self.stdout.write(self.style.SUCCESS(f"{loaded}: loaded."))
