"""Bulk progress updates and indicator values from a CSV or Excel file: all rows or none.

tablib (the parser django-import-export is built on) reads the file; every row then goes
through the same services as the forms, inside one transaction. Any error in any row rolls
the whole file back, and the report names each bad row and field.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actions.models import UPDATE_STATUSES, Action
from actions.selectors import plan_current
from actions.services import update_submit
from measures.models import Indicator
from measures.services import observation_record
from tracker.errors import EditConflict, NotAllowed

UPDATE_COLUMNS = [
    "plan",
    "action",
    "quarter",
    "status",
    "status_reason",
    "summary_en",
    "summary_cy",
    "next_steps",
    "internal_note",
    "evidence_links",
    "revised_target_date",
    "date_change_reason",
]
OBSERVATION_COLUMNS = [
    "indicator",
    "period",
    "value",
    "breakdown",
    "breakdown_label_en",
    "source_en",
    "notes_en",
    "status",
]
MAX_ROWS = 2000


@dataclass
class ImportReport:
    applied: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RollBack(Exception):
    pass


def read_table(upload) -> tablib.Dataset:
    raw = upload.read()
    try:
        if upload.name.lower().endswith(".xlsx"):
            return tablib.Dataset().load(raw, format="xlsx")
        return tablib.Dataset().load(raw.decode("utf-8-sig"), format="csv")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")) from exc
    except Exception as exc:  # noqa: BLE001 - tablib raises many types for broken files
        raise ValidationError(_("The file could not be read as a table.")) from exc


def _rows(dataset: tablib.Dataset, columns: list[str], report: ImportReport):
    headers = [str(h or "").strip() for h in (dataset.headers or [])]
    missing = [c for c in columns[:3] if c not in headers]
    if missing:
        report.errors.append((1, ", ".join(missing), _("These columns are missing.")))
        return
    unknown = [h for h in headers if h and h not in columns]
    if unknown:
        report.errors.append(
            (
                1,
                ", ".join(unknown),
                _("Unknown columns. Use: {columns}.").format(columns=", ".join(columns)),
            )
        )
        return
    if len(dataset) > MAX_ROWS:
        report.errors.append((1, "", _("Send at most {n} rows at a time.").format(n=MAX_ROWS)))
        return
    for number, values in enumerate(dataset, start=2):
        row = {
            h: ("" if v is None else str(v).strip()) for h, v in zip(headers, values, strict=False)
        }
        if any(row.values()):
            yield number, row


def _record(report: ImportReport, number: int, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for column, messages in exc.message_dict.items():
            for message in messages:
                report.errors.append((number, column, message))
    elif isinstance(exc, ValidationError):
        for message in exc.messages:
            report.errors.append((number, "", message))
    else:
        report.errors.append((number, "", str(getattr(exc, "message", exc))))


def updates_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Each row is one progress update, submitted (and approved if the Editor's own)."""
    report = ImportReport()
    actions = {(a.plan.slug, str(a.number)): a for a in Action.objects.select_related("plan")}
    try:
        with transaction.atomic():
            for number, row in _rows(dataset, UPDATE_COLUMNS, report):
                action = actions.get((row.get("plan", ""), row.get("action", "")))
                if action is None:
                    report.errors.append(
                        (
                            number,
                            "action",
                            _("No action {action} in plan “{plan}”.").format(
                                action=row.get("action"), plan=row.get("plan")
                            ),
                        )
                    )
                    continue
                data = {k: row.get(k, "") for k in UPDATE_COLUMNS[2:]}
                if data["status"] not in dict(UPDATE_STATUSES):
                    report.errors.append(
                        (
                            number,
                            "status",
                            _("“{value}” is not a status. Use one of: {allowed}.").format(
                                value=data["status"],
                                allowed=", ".join(code for code, _label in UPDATE_STATUSES),
                            ),
                        )
                    )
                    continue
                data["revised_target_date"] = data["revised_target_date"] or None
                try:
                    with transaction.atomic():
                        action.refresh_from_db()
                        update_submit(
                            action=action,
                            user=user,
                            data=data,
                            base_version=action.version,
                            approve=True,
                        )
                    report.applied += 1
                except (ValidationError, EditConflict, NotAllowed) as exc:
                    _record(report, number, exc)
            if report.errors:
                raise _RollBack
    except _RollBack:
        report.applied = 0
    return report


def observations_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Each row is one indicator value; the indicator is named by its code, such as 1.1.

    Codes repeat from plan to plan, so they name the indicators of the plan in force.
    """
    report = ImportReport()
    plan = plan_current()
    indicators = {i.code: i for i in Indicator.objects.filter(plan=plan).select_related("theme")}
    try:
        with transaction.atomic():
            for number, row in _rows(dataset, OBSERVATION_COLUMNS, report):
                indicator = indicators.get(row.get("indicator", ""))
                if indicator is None:
                    report.errors.append(
                        (
                            number,
                            "indicator",
                            _(
                                "No indicator “{code}” in the plan in force ({plan}). Use a "
                                "code such as 1.1."
                            ).format(code=row.get("indicator"), plan=plan.slug if plan else "-"),
                        )
                    )
                    continue
                data = {k: row.get(k, "") for k in OBSERVATION_COLUMNS[1:]}
                try:
                    data["value"] = Decimal(data["value"].replace(",", ""))
                except InvalidOperation:
                    report.errors.append(
                        (
                            number,
                            "value",
                            _("“{value}” is not a number.").format(value=data["value"]),
                        )
                    )
                    continue
                data["status"] = data["status"] or "final"
                try:
                    with transaction.atomic():
                        observation_record(indicator=indicator, user=user, data=data)
                    report.applied += 1
                except (ValidationError, NotAllowed) as exc:
                    _record(report, number, exc)
            if report.errors:
                raise _RollBack
    except _RollBack:
        report.applied = 0
    return report
