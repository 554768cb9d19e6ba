"""The one import runner: all rows or none, and a report naming each bad row and column."""

import pytest
import tablib
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from core.errors import NotAllowed
from core.importing import rows_import

pytestmark = pytest.mark.django_db

COLUMNS = ["name", "note"]


def _group_from(row: dict[str, str]) -> None:
    if row["name"].startswith("bad"):
        raise ValidationError({"name": f"“{row['name']}” is not a name."})
    if row["name"] == "forbidden":
        raise NotAllowed("Not yours.")
    Group.objects.create(name=row["name"])


def _run(headers, *rows):
    return rows_import(
        dataset=tablib.Dataset(*rows, headers=headers),
        columns=COLUMNS,
        required=["name"],
        apply_row=_group_from,
    )


def test_good_rows_are_all_applied():
    report = _run(COLUMNS, ("first", ""), ("second", "x"))
    assert (report.ok, report.applied, report.errors) == (True, 2, [])
    assert set(Group.objects.values_list("name", flat=True)) == {"first", "second"}


def test_one_bad_row_rolls_back_every_row_and_each_error_names_its_row_and_column():
    report = _run(COLUMNS, ("first", ""), ("bad-one", ""), ("third", ""), ("forbidden", ""))
    assert not report.ok and report.applied == 0
    # Rows count from the header's row 1, as in a spreadsheet.
    assert report.errors == [(3, "name", "“bad-one” is not a name."), (5, "", "Not yours.")]
    assert not Group.objects.exists()


def test_blank_rows_are_skipped_and_keep_their_numbers():
    report = _run(COLUMNS, ("", ""), ("bad-two", ""))
    assert report.errors == [(3, "name", "“bad-two” is not a name.")]


def test_a_missing_required_column_is_reported_on_the_header_row():
    report = _run(["note"], ("x",))
    assert report.errors == [(1, "name", "These columns are missing.")]


def test_an_unknown_column_is_reported_with_the_columns_to_use():
    report = _run(["name", "colour"], ("first", "red"))
    assert report.errors == [(1, "colour", "Unknown columns. Use: name, note.")]
    assert not Group.objects.exists()
