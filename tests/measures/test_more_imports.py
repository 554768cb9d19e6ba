"""The imports a statistician and an Editor need: indicator values with their release date, and
progress measure statements, each all rows or none with every bad row named (issue 16)."""

import datetime

import pytest
import tablib

from measures.imports import observations_import
from measures.measure_imports import measure_statements_import
from measures.models import MeasureKind, MeasureStatement, Observation, ProgressMeasure
from tests.measures.progress_fixtures import editor, measures_loaded  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _dataset(header, *rows) -> tablib.Dataset:
    data = tablib.Dataset(headers=header)
    for row in rows:
        data.append(row)
    return data


def test_a_value_import_records_each_values_release_date(real_plan, editor):  # noqa: F811
    header = ["indicator", "period", "value", "source_en", "release_date"]
    report = observations_import(
        dataset=_dataset(header, ["1.1", "2024", "67", "Survey 2024", "27/03/2025"]), user=editor
    )
    assert report.ok, report.errors
    value = Observation.objects.get(is_baseline=False, period="2024")
    assert value.release_date == datetime.date(2025, 3, 27)


def test_a_value_import_with_a_date_that_is_not_real_saves_nothing(real_plan, editor):  # noqa: F811
    header = ["indicator", "period", "value", "source_en", "release_date"]
    report = observations_import(
        dataset=_dataset(
            header,
            ["1.1", "2024", "67", "S", "2025-03-27"],
            ["1.2", "2024", "60", "S", "31/02/2025"],
        ),
        user=editor,
    )
    assert not report.ok
    assert [(row, column) for row, column, _message in report.errors] == [(3, "release_date")]
    assert not Observation.objects.filter(is_baseline=False).exists()


def test_statements_import_all_rows_or_none_naming_each_bad_row(measures_loaded, editor):  # noqa: F811
    codes = [m.code for m in ProgressMeasure.objects.filter(kind=MeasureKind.STATEMENT)][:2]
    assert len(codes) == 2
    header = ["measure", "stated_on", "text_en", "text_cy"]
    bad = measure_statements_import(
        dataset=_dataset(
            header,
            [codes[0], "2026-03-31", "Launched.", "Wedi’i lansio."],
            [codes[1], "31/03/2026", "Reviewed.", ""],
            ["9.9", "2026-03-31", "x", "y"],
        ),
        user=editor,
    )
    assert not bad.ok
    assert {(row, column) for row, column, _m in bad.errors} == {
        (3, "text_cy"),
        (4, "measure"),
    }
    assert not MeasureStatement.objects.exists()
    good = measure_statements_import(
        dataset=_dataset(
            header,
            [codes[0], "2026-03-31", "Launched.", "Wedi’i lansio."],
            [codes[1], "31/03/2026", "Reviewed.", "Wedi’i adolygu."],
        ),
        user=editor,
    )
    assert good.ok and good.applied == 2
    assert MeasureStatement.objects.count() == 2
