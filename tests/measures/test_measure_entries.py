# ruff: noqa: F401, F811 (pytest fixtures imported from tests.measures.progress_fixtures)
"""Figures and statements follow the rules of indicator values: field errors, not 500s; an
edit from an older version is refused; every change is in the history; imports are all or
nothing."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError

from core.errors import EditConflict, NotAllowed
from measures.measure_imports import measure_figures_import
from measures.measure_selectors import Trend, measure_results
from measures.measure_services import (
    measure_figure_change,
    measure_figure_record,
    measure_statement_record,
)
from measures.models import MeasureFigure, MeasureKind, ProgressMeasure
from tests.factories import UserFactory
from tests.measures.progress_fixtures import (
    editor,
    editor_client,
    measures_loaded,
    wecare,
)
from themes.models import ThemeStory
from tracker.audit import AuditFilter, audit_entries

pytestmark = pytest.mark.django_db


def _figure(**overrides) -> dict:
    data = {
        "period": "2024",
        "value": 1000,
        "unit_en": "jobs posted on the jobs portal",
        "source_en": "WeCare Wales jobs portal",
        "status": "final",
    }
    return {**data, **overrides}


@pytest.fixture
def statement_measure(measures_loaded) -> ProgressMeasure:
    return ProgressMeasure.objects.filter(kind=MeasureKind.STATEMENT).first()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"period": "24"}, "period", "Enter the period as"),
        ({"period": "2099"}, "period", "has not started yet"),
        ({"value": -1}, "value", "0"),
        ({"unit_en": ""}, "unit", ""),
    ],
)
def test_a_bad_figure_is_refused_naming_its_field(wecare, editor, overrides, field, words):
    with pytest.raises(ValidationError) as error:
        measure_figure_record(measure=wecare, user=editor, data=_figure(**overrides))
    assert field in error.value.message_dict
    assert words in " ".join(error.value.message_dict[field])


def test_a_second_figure_for_the_same_period_and_wording_is_refused(wecare, editor):
    measure_figure_record(measure=wecare, user=editor, data=_figure())
    with pytest.raises(ValidationError, match="already a figure for 2024"):
        measure_figure_record(
            measure=wecare, user=editor, data=_figure(unit_en="Jobs posted on the jobs portal")
        )


def test_the_form_shows_errors_beside_the_fields_with_400(editor_client, wecare):
    response = editor_client.post(
        f"/staff/measures/{wecare.pk}/figures/new/", {"period": "2099", "value": "-3"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    for name in ("period", "value", "unit_en", "source_en", "status"):
        assert f'id="id_{name}_error"' in body, name


def test_only_an_editor_records(wecare):
    with pytest.raises(NotAllowed):
        measure_figure_record(measure=wecare, user=UserFactory(role="SIG member"), data=_figure())


def test_a_measure_takes_only_its_own_kind(wecare, statement_measure, editor):
    with pytest.raises(ValidationError, match="takes dated statements"):
        measure_figure_record(measure=statement_measure, user=editor, data=_figure())
    with pytest.raises(ValidationError, match="takes figures"):
        measure_statement_record(
            measure=wecare,
            user=editor,
            data={"stated_on": datetime.date(2025, 1, 1), "text_en": "a", "text_cy": "b"},
        )


def test_a_statement_needs_both_languages_and_a_past_date(statement_measure, editor):
    with pytest.raises(ValidationError) as error:
        measure_statement_record(
            measure=statement_measure,
            user=editor,
            data={"stated_on": datetime.date(2099, 1, 1), "text_en": "Done.", "text_cy": ""},
        )
    assert set(error.value.message_dict) == {"stated_on", "text_cy"}
    statement = measure_statement_record(
        measure=statement_measure,
        user=editor,
        data={
            "stated_on": datetime.date(2025, 6, 1),
            "text_en": "Done.",
            "text_cy": "Wedi'i wneud.",
        },
    )
    assert statement.history.count() == 1


def test_an_edit_from_an_older_version_is_refused_and_history_keeps_both(
    editor_client,
    wecare,
    editor,
):
    figure = measure_figure_record(measure=wecare, user=editor, data=_figure())
    measure_figure_change(figure=figure, user=editor, data={"value": 1200}, base_version=0)
    with pytest.raises(EditConflict) as conflict:
        measure_figure_change(figure=figure, user=editor, data={"value": 900}, base_version=0)
    assert conflict.value.current.value == 1200
    response = editor_client.post(
        f"/staff/measure-figures/{figure.pk}/edit/", {**_figure(value="800"), "base_version": 0}
    )
    assert response.status_code == 409
    assert "Someone else changed this figure" in response.content.decode()
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (1200, 1)
    assert [h.value for h in figure.history.order_by("history_id")] == [1000, 1200]


def test_the_trend_is_stated_in_words_and_a_more_than_figure_states_no_change(
    measures_loaded,
    wecare,
    editor,
):
    measure_figure_record(
        measure=wecare,
        user=editor,
        data=_figure(period="2024", unit_en="engagements on social media", value=31000),
    )
    measure_figure_record(
        measure=wecare,
        user=editor,
        data=_figure(period="2023", unit_en="visitors to the WeCare Wales website", value=290000),
    )
    (summary,) = [
        s
        for s in measure_results(plan=measures_loaded, as_at=datetime.date.today())
        if s.measure == wecare
    ]
    trends = {s.latest.unit_en: (s.trend, s.trend_words()) for s in summary.series}
    # 31,000 against "more than 30,000": the earlier true figure may be higher.
    assert trends["engagements on social media"][0] == Trend.UNCERTAIN
    assert "no change is stated" in trends["engagements on social media"][1]
    # 290,000 against "more than 300,000": certainly lower, whatever the earlier true figure.
    assert trends["visitors to the WeCare Wales website"] == (
        Trend.DOWN,
        "Lower than in 2021 to 2022 (more than 300,000)",
    )
    assert trends["jobs posted on the jobs portal"][0] == Trend.FIRST


def test_an_import_is_all_rows_or_none_with_each_bad_row_named(wecare, editor):
    code = wecare.code
    dataset = tablib.Dataset(
        headers=["measure", "period", "value", "unit_en", "source_en", "more_than"]
    )
    dataset.append([code, "2024", "7,000", "jobs posted on the jobs portal", "Portal", "yes"])
    dataset.append([code, "2024", "lots", "films produced", "Portal", ""])
    dataset.append(["9.9", "2024", "1", "films produced", "Portal", "maybe"])
    report = measure_figures_import(dataset=dataset, user=editor)
    assert report.applied == 0
    assert {(row, column) for row, column, _m in report.errors} == {(3, "value"), (4, "measure")}
    assert not MeasureFigure.objects.filter(period="2024").exists()

    good = tablib.Dataset(
        headers=["measure", "period", "value", "unit_en", "source_en", "more_than"]
    )
    good.append([code, "2024", "7,000", "jobs posted on the jobs portal", "Portal", "yes"])
    report = measure_figures_import(dataset=good, user=editor)
    assert (report.applied, report.errors) == (1, [])
    figure = MeasureFigure.objects.get(period="2024")
    assert (figure.value, figure.more_than, figure.recorded_by) == (7000, True, editor)


def test_figures_and_statements_are_in_the_audit_trail(wecare, statement_measure, editor):
    measure_figure_record(measure=wecare, user=editor, data=_figure())
    measure_statement_record(
        measure=statement_measure,
        user=editor,
        data={"stated_on": datetime.date(2025, 6, 1), "text_en": "Done.", "text_cy": "Wedi."},
    )
    # The 2021 to 2022 figures loaded from the seed are in the trail too, with no editor.
    (figure,) = [
        e
        for e in audit_entries(filters=AuditFilter(kind="measure-figures"))
        if e["instance"].recorded_by == editor
    ]
    assert figure["description"].startswith(f"{wecare.code} 2024: 1000")
    (statement,) = audit_entries(filters=AuditFilter(kind="measure-statements"))
    assert statement["description"] == f"{statement_measure.code} 2025-06-01: Done."


def test_a_figure_is_linked_to_stories_of_its_own_theme_only(editor_client, wecare, editor):
    own = ThemeStory.objects.create(theme=wecare.line.theme, year=2025)
    other = ThemeStory.objects.create(
        theme=wecare.line.theme.strategy.themes.exclude(pk=wecare.line.theme_id).first(),
        year=2025,
    )
    form = editor_client.get(f"/staff/measures/{wecare.pk}/figures/new/").content.decode()
    assert f'value="{own.pk}"' in form and f'value="{other.pk}"' not in form
    response = editor_client.post(
        f"/staff/measures/{wecare.pk}/figures/new/",
        {**_figure(value="5", status="final"), "stories": [own.pk]},
    )
    assert response.status_code == 302
    assert list(own.measure_figures.values_list("value", flat=True)) == [5]
    with pytest.raises(ValidationError, match="its own theme"):
        measure_figure_record(
            measure=wecare, user=editor, data=_figure(period="2023", stories=[other])
        )
    assert not other.measure_figures.exists()
