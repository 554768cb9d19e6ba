"""The one runner for file imports: all rows or none, and a report naming each bad row and column.

Each domain owns its columns and how one row is applied (actions/imports.py: progress updates;
measures/imports.py: indicator values), as pretix's importers sit over its base/modelimport.py.
The file itself is read, within fixed bounds, by core.spreadsheet.read_table.
"""

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import EditConflict, NotAllowed
from core.spreadsheet import MAX_ROWS


@dataclass
class ImportReport:
    applied: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RollBack(Exception):
    pass


def _rows(
    dataset: tablib.Dataset, columns: Sequence[str], required: Sequence[str], report: ImportReport
) -> Iterator[tuple[int, dict[str, str]]]:
    headers = [str(h or "").strip() for h in (dataset.headers or [])]
    missing = [c for c in required if c not in headers]
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


def rows_import(
    *,
    dataset: tablib.Dataset,
    columns: Sequence[str],
    required: Sequence[str],
    apply_row: Callable[[dict[str, str]], object],
) -> ImportReport:
    """Apply each row with data, a dict of column to text, through ``apply_row``.

    ``apply_row`` raises ValidationError (a dict names the column) for a bad row. Any error in
    any row rolls the whole file back. Each row runs in its own savepoint, so a row whose write
    fails leaves the transaction usable and the rows after it are still checked and reported.
    """
    report = ImportReport()
    try:
        with transaction.atomic():
            for number, row in _rows(dataset, columns, required, report):
                try:
                    with transaction.atomic():
                        apply_row(row)
                    report.applied += 1
                except (ValidationError, EditConflict, NotAllowed) as exc:
                    _record(report, number, exc)
            if report.errors:
                raise _RollBack
    except _RollBack:
        report.applied = 0
    return report


def date_cell(value, *, column: str) -> datetime.date | None:
    """A date as spreadsheets write it: 2027-03-31, 31/03/2027, or a date cell (which reads as
    "2027-03-31 00:00:00"); empty is None. Anything else is refused against its column, in the
    reader's language (the model's own message is English and names only one format)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(
        {
            column: _("“{value}” is not a real date. Write it as 31/03/2027 or 2027-03-31.").format(
                value=text
            )
        }
    )
