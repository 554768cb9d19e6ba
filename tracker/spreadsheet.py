"""CSV output that spreadsheet programs will not execute."""

import csv
import unicodedata
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

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
