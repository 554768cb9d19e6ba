"""Spreadsheets in and out: uploaded CSV and Excel files read within fixed bounds, and CSV
output that spreadsheet programs will not execute."""

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
_FORMULA_START = ("=", "+", "-", "@")
# Control characters a spreadsheet may swallow before it looks for a formula.
_CONTROL_START = ("\t", "\r", "\n")


def escape_cell(value: object) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet would run it as a formula.

    Spreadsheets skip leading spaces and line breaks, and some read the fullwidth forms
    (＝ ＋ － ＠, and the small ﹦ ﹢ ﹣ ﹫) as the ASCII signs, so the first visible
    character is compared in its compatibility form (NFKC).
    """
    text = "" if value is None else str(value)
    if text.startswith(_CONTROL_START):
        return "'" + text
    visible = text.lstrip()
    if visible and unicodedata.normalize("NFKC", visible[0]).startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte order mark makes Excel read the file as UTF-8 (ŵ, ŷ, curly quotes).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return response


# An upload has at most this many rows with data.
MAX_ROWS = 2000

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
