"""Bulk progress updates and indicator values from a CSV or Excel file: all rows or none.

tablib (the parser django-import-export is built on) reads the file; every row then goes
through the same services as the forms, inside one transaction. Any error in any row rolls
the whole file back, and the report names each bad row and field.
"""

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
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
# Far beyond any value the tracker holds; keeps Decimal arithmetic on a row cheap.
MAX_EXPONENT = 30


@dataclass
class ImportReport:
    applied: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RollBack(Exception):
    pass


# An .xlsx file is a zip of XML parts. A small file can hold parts that unpack to gigabytes
# (a "zip bomb"), so every part's size and compression ratio is checked before any parsing.
# A real import of MAX_ROWS rows unpacks to a few megabytes at most.
MAX_PARTS = 200
MAX_PART_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
# Spreadsheet XML compresses well (often 10 to 1), never 100 to 1 at this size unless it is
# padding; small parts are let through whatever their ratio.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
MAX_COLUMNS = 50
# Blank rows below the data are allowed, but not a sheet that runs to row 1,048,576.
MAX_SHEET_ROWS = MAX_ROWS + 1 + 1000


def _check_xlsx_parts(raw: bytes) -> None:
    """Refuse an .xlsx whose parts would unpack too large, before openpyxl reads any of them.

    The sizes come from the zip's directory. Python's zipfile stops unpacking a part at its
    stated size, so a part that lies about its size cannot grow past this check either.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(
            _("The file is not a readable Excel workbook. Save it again as .xlsx or as CSV.")
        ) from exc
    too_big = ValidationError(
        _(
            "The workbook unpacks to far more data than {n} rows can need, so it was not "
            "opened. Copy the rows into a new workbook, or save them as CSV, and try again."
        ).format(n=MAX_ROWS)
    )
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise too_big
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise too_big
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        ):
            raise too_big


def _read_xlsx(raw: bytes) -> tablib.Dataset:
    """The first sheet's rows, read in openpyxl's streaming mode within fixed bounds.

    tablib would pad every row to the sheet's stated width and height, which a file can set to
    16,384 columns by 1,048,576 rows; here the header fixes the width and the rows are counted.
    """
    _check_xlsx_parts(raw)
    workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        sheet = workbook.active
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        width = max((i for i, v in enumerate(header, start=1) if v not in (None, "")), default=0)
        if width > MAX_COLUMNS:
            raise ValidationError(
                _(
                    "The sheet has {count} columns. An import has at most {n}: use only the "
                    "columns the import names."
                ).format(count=width, n=MAX_COLUMNS)
            )
        dataset = tablib.Dataset(headers=list(header[:width]))
        too_many_rows = ValidationError(
            _(
                "The sheet has more than {n} rows. Send at most {n} rows at a time, and delete "
                "any empty rows below your data."
            ).format(n=MAX_ROWS)
        )
        rows = sheet.iter_rows(min_row=2, max_col=max(width, 1), values_only=True)
        for number, values in enumerate(rows, start=2):
            if number > MAX_SHEET_ROWS:
                raise too_many_rows
            if any(v not in (None, "") for v in values):
                if len(dataset) >= MAX_ROWS:
                    raise too_many_rows
                dataset.append((list(values) + [None] * width)[:width])
        return dataset
    finally:
        workbook.close()


def read_table(upload) -> tablib.Dataset:
    raw = upload.read()
    try:
        if upload.name.lower().endswith(".xlsx"):
            return _read_xlsx(raw)
        return tablib.Dataset().load(raw.decode("utf-8-sig"), format="csv")
    except ValidationError:
        raise
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")) from exc
    except Exception as exc:  # noqa: BLE001 - tablib and openpyxl raise many types for broken files
        raise ValidationError(_("The file could not be read as a table.")) from exc


def _number(text: str) -> Decimal | None:
    """A finite number written in digits (commas allowed), or None.

    Decimal reads "NaN", "Infinity" and "1e999999" too; none of them is a value to record.
    """
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value.adjusted()) > MAX_EXPONENT:
        return None
    return value


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
                value = _number(data["value"])
                if value is None:
                    report.errors.append(
                        (
                            number,
                            "value",
                            _(
                                "“{value}” is not a number. Write the value in digits, such as "
                                "1234 or 56.7."
                            ).format(value=data["value"]),
                        )
                    )
                    continue
                data["value"] = value
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
