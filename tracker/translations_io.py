"""The translation workflow: every public text's Welsh state, its export for a translator
(XLSX, and XLIFF 1.2 for tools such as memoQ and Trados) and the all-or-nothing import of the
translated file, through core.importing's runner.

Each text has a stable key, ``<app>.<model>.<pk>.<field>`` ("actions.action.12.text"). A row
carries the key, the English and the current Welsh; on import the English must still be the
English of today, or the row fails: the translator translated something that has changed.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actions.models import (
    Action,
    ActionSubPoint,
    DeliveryPlan,
    MeasurementLine,
    Organisation,
    ProgressUpdate,
)
from core import roles
from core.errors import NotAllowed
from core.importing import ImportReport, rows_import
from measures.models import Indicator, IndicatorBreakdown, Observation
from reports.models import AnnualReport
from themes.models import Theme
from tracker.models import TranslationSource, TranslationState, english_hash

COLUMNS = ["key", "english", "welsh"]
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
MAX_XLIFF_BYTES = 10 * 1024 * 1024


class State:
    MISSING = "missing"
    TRACKER = "tracker"
    IMPORTED = "imported"
    OUT_OF_DATE = "out_of_date"


STATE_LABELS = {
    State.MISSING: gettext_lazy("Missing"),
    State.TRACKER: gettext_lazy("The tracker's own translation"),
    State.IMPORTED: gettext_lazy("Imported or reviewed"),
    State.OUT_OF_DATE: gettext_lazy("Out of date"),
}
NEEDS_WORK = (State.MISSING, State.OUT_OF_DATE)


@dataclass(frozen=True)
class Kind:
    """One kind of public content and its texts with a Welsh twin."""

    slug: str
    label: str
    fields: tuple[str, ...]
    rows: object  # a callable giving the queryset of public rows

    def queryset(self):
        return self.rows()


# The public texts. Theme stories are left out: they have their own two-Editor approval.
KINDS = (
    Kind("themes.theme", gettext_lazy("Themes"), ("title", "ambition", "progress_intro",
         "indicators_pending_reason"), lambda: Theme.objects.all()),
    Kind("actions.deliveryplan", gettext_lazy("Plans"), ("title", "short_title", "summary"),
         lambda: DeliveryPlan.objects.all()),
    Kind("actions.organisation", gettext_lazy("Organisations"), ("name",),
         lambda: Organisation.objects.all()),
    Kind("actions.action", gettext_lazy("Actions"), ("text", "description"),
         lambda: Action.objects.all()),
    Kind("actions.actionsubpoint", gettext_lazy("Sub-points of actions"), ("text",),
         lambda: ActionSubPoint.objects.all()),
    Kind("actions.measurementline", gettext_lazy("How we'll measure progress"), ("text",),
         lambda: MeasurementLine.objects.all()),
    Kind("actions.progressupdate", gettext_lazy("Approved progress updates"),
         ("summary", "next_steps", "status_reason", "date_change_reason"),
         lambda: ProgressUpdate.objects.approved()),
    Kind("measures.indicator", gettext_lazy("Indicators"), ("statement", "baseline_text",
         "notes"), lambda: Indicator.objects.all()),
    Kind("measures.indicatorbreakdown", gettext_lazy("Indicator breakdowns"), ("label",),
         lambda: IndicatorBreakdown.objects.all()),
    Kind("measures.observation", gettext_lazy("Indicator values' sources and notes"),
         ("breakdown_label", "source", "notes"), lambda: Observation.objects.all()),
    Kind("reports.annualreport", gettext_lazy("Report introductions"), ("introduction",),
         lambda: AnnualReport.objects.all()),
)  # fmt: skip
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}


@dataclass
class Text:
    key: str
    kind: Kind
    english: str
    welsh: str
    state: str
    admin_url: str = ""


def _state(welsh: str, english: str, record: TranslationState | None) -> str:
    if not welsh:
        return State.MISSING
    if record is None:
        return State.TRACKER
    if record.english_sha256 != english_hash(english):
        return State.OUT_OF_DATE
    return record.source


def texts(kinds=KINDS) -> list[Text]:
    """Every public text with English, with its Welsh and its state."""
    records = {r.key: r for r in TranslationState.objects.all()}
    found = []
    for kind in kinds:
        for row in kind.queryset().order_by("pk"):
            for field in kind.fields:
                english = getattr(row, f"{field}_en", "") or ""
                if not english.strip():
                    continue
                welsh = getattr(row, f"{field}_cy", "") or ""
                key = f"{kind.slug}.{row.pk}.{field}"
                found.append(
                    Text(key, kind, english, welsh, _state(welsh, english, records.get(key)))
                )
    return found


def state_counts(found: list[Text]) -> list[dict]:
    """Per kind, how many texts are in each state."""
    counts = []
    for kind in KINDS:
        of_kind = [t for t in found if t.kind is kind]
        counts.append(
            {
                "kind": kind,
                "total": len(of_kind),
                "states": {state: sum(t.state == state for t in of_kind) for state in STATE_LABELS},
            }
        )
    return counts


# The texts a plan document carries, whose Welsh the plan loader writes (tracker/plan_welsh.py).
PLAN_KINDS = tuple(
    kind
    for kind in KINDS
    if kind.slug not in {"actions.progressupdate", "reports.annualreport", "actions.organisation"}
)


@transaction.atomic
def translation_states_record(*, replace: bool = False) -> int:
    """Record each plan text's Welsh as the tracker's own translation of its English today, so
    it shows as out of date if the English changes. Texts already recorded keep their record
    (an imported translation stays imported), unless ``replace``: the loader has just put the
    plan file's Welsh over them."""
    records = {r.key: r for r in TranslationState.objects.all()}
    written = 0
    for text in texts(PLAN_KINDS):
        if not text.welsh or (text.key in records and not replace):
            continue
        TranslationState.objects.update_or_create(
            key=text.key,
            defaults={
                "source": TranslationSource.TRACKER,
                "english_sha256": english_hash(text.english),
                "recorded_by": None,
            },
        )
        written += 1
    return written


# Export ---------------------------------------------------------------------------------------


def needing_work() -> list[Text]:
    return [t for t in texts() if t.state in NEEDS_WORK]


def export_xlsx(found: list[Text]) -> bytes:
    dataset = tablib.Dataset(headers=COLUMNS, title="Welsh")
    for text in found:
        dataset.append([text.key, text.english, text.welsh])
    return dataset.export("xlsx")


def export_xliff(found: list[Text]) -> bytes:
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(f"{{{XLIFF_NS}}}xliff", version="1.2")
    file = ET.SubElement(
        root,
        f"{{{XLIFF_NS}}}file",
        original="workforce-strategy-tracker",
        datatype="plaintext",
        attrib={"source-language": "en", "target-language": "cy"},
    )
    body = ET.SubElement(file, f"{{{XLIFF_NS}}}body")
    for text in found:
        unit = ET.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", id=text.key)
        unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        ET.SubElement(unit, f"{{{XLIFF_NS}}}source").text = text.english
        target = ET.SubElement(unit, f"{{{XLIFF_NS}}}target")
        target.text = text.welsh
        target.set("state", "needs-translation" if not text.welsh else "needs-review-translation")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def read_xliff(raw: bytes) -> tablib.Dataset:
    """An XLIFF 1.2 file as rows of key, English and Welsh (one row per trans-unit)."""
    if len(raw) > MAX_XLIFF_BYTES:
        raise ValidationError(_("The file is too large."))
    # No document type, so no entities: nothing in the file can expand or fetch anything.
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise ValidationError(_("The XLIFF file must not declare a document type or entities."))
    try:
        root = ET.fromstring(raw)  # noqa: S314 - no DTD or entities get this far (above)
    except ET.ParseError as exc:
        message = _("The file could not be read as XLIFF: {error}").format(error=exc)
        raise ValidationError(message) from exc
    dataset = tablib.Dataset(headers=COLUMNS)
    for unit in root.iter(f"{{{XLIFF_NS}}}trans-unit"):
        source = unit.find(f"{{{XLIFF_NS}}}source")
        target = unit.find(f"{{{XLIFF_NS}}}target")
        dataset.append(
            [
                unit.get("id", ""),
                "".join(source.itertext()) if source is not None else "",
                "".join(target.itertext()) if target is not None else "",
            ]
        )
    if not len(dataset):
        raise ValidationError(_("The XLIFF file holds no trans-unit elements."))
    return dataset


# Import ---------------------------------------------------------------------------------------


def _target(key: str):
    """The row and field a key names, or a ValidationError saying why there is none."""
    app_model, _dot, rest = key.rpartition(".")
    slug, _dot, pk = app_model.rpartition(".")
    kind = KINDS_BY_SLUG.get(slug)
    if kind is None or rest not in kind.fields or not pk.isdigit():
        raise ValidationError({"key": _("No text has the key “{key}”.").format(key=key)})
    row = kind.queryset().filter(pk=int(pk)).first()
    if row is None:
        raise ValidationError({"key": _("No text has the key “{key}”.").format(key=key)})
    return row, rest


@transaction.atomic
def translations_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Save every row's Welsh, or none if any row fails; each row's problems are reported."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can import translations."))

    def apply_row(row: dict[str, str]) -> None:
        key = row.get("key", "")
        target, field = _target(key)
        english = getattr(target, f"{field}_en", "") or ""
        if english_hash(english) != english_hash(row.get("english", "")):
            raise ValidationError(
                {
                    "english": _(
                        "The English of “{key}” has changed since the export: export again and "
                        "translate the new English."
                    ).format(key=key)
                }
            )
        welsh = row.get("welsh", "")
        if not welsh:
            raise ValidationError({"welsh": _("“{key}” has no Welsh text.").format(key=key)})
        welsh_field = target._meta.get_field(f"{field}_cy")
        welsh_field.clean(welsh, target)  # its length and other limits
        setattr(target, f"{field}_cy", welsh)
        target.save(update_fields=[f"{field}_cy"])  # recorded in its history
        TranslationState.objects.update_or_create(
            key=key,
            defaults={
                "source": TranslationSource.IMPORTED,
                "english_sha256": english_hash(english),
                "recorded_by": user,
            },
        )

    return rows_import(dataset=dataset, columns=COLUMNS, required=COLUMNS, apply_row=apply_row)
