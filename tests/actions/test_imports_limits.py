"""Uploads are read within limits: zip bombs, huge sheets and non-numbers are refused clearly."""

import io
import time
import zipfile

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.utils import get_column_letter

from core.spreadsheet import MAX_COLUMNS, MAX_ROWS
from measures.models import Observation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
TOO_BIG = "The workbook unpacks to far more data than 2000 rows can need, so it was not opened."
TOO_MANY_ROWS = "The sheet has more than 2000 rows. Send at most 2000 rows at a time"


@pytest.fixture
def editor_client(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    return client


def _upload(client, kind: str, name: str, content: bytes):
    return client.post("/staff/import/", {"kind": kind, "file": SimpleUploadedFile(name, content)})


def _workbook(sheet_xml: bytes) -> bytes:
    """A real workbook (as tablib writes it) whose first sheet is replaced by sheet_xml."""
    template = tablib.Dataset(headers=["indicator"]).export("xlsx")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        assert SHEET in source.namelist()
        for item in source.infolist():
            data = sheet_xml if item.filename == SHEET else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def _cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _row(number: int, values: list[str]) -> str:
    cells = "".join(
        _cell(f"{get_column_letter(i)}{number}", v) for i, v in enumerate(values, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


def _sheet(rows: str, dimension: str = "A1:C3", padding: int = 0) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}{" " * padding}</sheetData></worksheet>'
    ).encode()


HEADER_ROW = _row(1, ["indicator", "period", "value", "source_en"])


@pytest.mark.parametrize(
    "unpacked",
    [
        40 * 1024 * 1024,  # one part far larger than any real import
        3 * 1024 * 1024,  # smaller, but packed a thousand to one
    ],
)
def test_a_zip_bomb_workbook_is_refused_before_it_is_parsed(editor_client, unpacked):
    bomb = _workbook(_sheet(HEADER_ROW + _row(2, ["1.1", "2024", "67"]), padding=unpacked))
    assert len(bomb) < 100 * 1024  # the upload itself is small
    started = time.perf_counter()
    response = _upload(editor_client, "observations", "values.xlsx", bomb)
    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert TOO_BIG in response.content.decode()
    assert not Observation.objects.filter(period="2024").exists()


def test_a_sheet_declaring_every_row_and_column_is_refused_quickly(editor_client):
    rows = HEADER_ROW + _row(2, ["1.1", "2024", "67"]) + _row(1048576, ["1.1", "2025", "68"])
    bomb = _workbook(_sheet(rows, dimension="A1:XFD1048576"))
    started = time.perf_counter()
    response = _upload(editor_client, "observations", "values.xlsx", bomb)
    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert TOO_MANY_ROWS in response.content.decode()
    assert not Observation.objects.filter(period__in=["2024", "2025"]).exists()


def test_data_far_below_the_rows_is_refused_not_dropped(editor_client):
    rows = HEADER_ROW + _row(2, ["1.1", "2024", "67"]) + _row(5000, ["1.1", "2025", "68"])
    response = _upload(
        editor_client, "observations", "values.xlsx", _workbook(_sheet(rows, "A1:C5000"))
    )
    assert response.status_code == 400
    assert TOO_MANY_ROWS in response.content.decode()
    assert not Observation.objects.filter(period__in=["2024", "2025"]).exists()


def test_a_wide_declared_sheet_with_few_columns_is_read(editor_client):
    rows = HEADER_ROW + _row(2, ["1.1", "2024", "67", "Survey 2024"])
    response = _upload(
        editor_client, "observations", "values.xlsx", _workbook(_sheet(rows, "A1:XFD2"))
    )
    assert response.status_code == 302
    assert Observation.objects.filter(period="2024").count() == 1


def test_too_many_columns_are_refused_naming_the_count(editor_client):
    header = ["indicator", "period", "value"] + [f"extra{n}" for n in range(MAX_COLUMNS)]
    response = _upload(
        editor_client,
        "observations",
        "values.xlsx",
        _workbook(_sheet(_row(1, header), f"A1:{get_column_letter(len(header))}1")),
    )
    assert response.status_code == 400
    assert (
        f"The sheet has {len(header)} columns. An import has at most {MAX_COLUMNS}"
        in response.content.decode()
    )


def test_more_rows_than_the_limit_are_refused(editor_client):
    sheet = tablib.Dataset(headers=["indicator", "period", "value"])
    for _ in range(MAX_ROWS + 1):
        sheet.append(["1.1", "2024", "67"])
    response = _upload(editor_client, "observations", "values.xlsx", sheet.export("xlsx"))
    assert response.status_code == 400
    assert TOO_MANY_ROWS in response.content.decode()


def test_a_broken_zip_is_refused_clearly(editor_client):
    response = _upload(editor_client, "observations", "values.xlsx", b"PK\x03\x04 not a zip")
    assert response.status_code == 400
    assert "The file is not a readable Excel workbook." in response.content.decode()


@pytest.mark.parametrize(
    "value", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "1e999999", "-1E-999999"]
)
def test_a_value_that_is_not_a_finite_number_is_a_row_error_not_a_500(editor_client, value):
    before = Observation.objects.count()
    csv = f"indicator,period,value,source_en\n1.1,2024,67,S\n1.2,2024,{value},S\n"
    response = _upload(editor_client, "observations", "values.csv", csv.encode())
    assert response.status_code == 400
    assert (
        f"<td>3</td><td>value</td><td>“{value}” is not a number. Write the value in digits, "
        "such as 1234 or 56.7.</td>"
    ) in response.content.decode()
    assert Observation.objects.count() == before


def test_a_not_a_number_cell_in_a_workbook_is_a_row_error(editor_client):
    sheet = tablib.Dataset(headers=["indicator", "period", "value"])
    sheet.append(["1.1", "2024", "NaN"])
    response = _upload(editor_client, "observations", "values.xlsx", sheet.export("xlsx"))
    assert response.status_code == 400
    assert "<td>2</td><td>value</td><td>“NaN” is not a number." in response.content.decode()
