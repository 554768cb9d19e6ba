# ruff: noqa: F401, F811 (pytest fixtures imported from tests.measures.progress_fixtures)
"""Each line of "How we'll measure progress against the actions" is classed once, in the
fixture, against the plan's own text: figures, a dated statement, or no measure."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from measures.measure_loading import MeasuresFixtureError, measures_load
from measures.models import MeasureKind, ProgressMeasure
from tests.conftest import PLAN_SOURCE, ROOT
from tests.measures.progress_fixtures import WECARE, measures_loaded

pytestmark = pytest.mark.django_db

FIXTURE = ROOT / "fixtures" / "measures-2024-2027.json"
HEADING = "How we'll measure progress against the actions"
EVERY_YEAR = (
    "Every year, we'll report on all the actions of this workforce delivery plan and any new "
    "identified actions."
)


def source_lines() -> list[tuple[int, str, str]]:
    """(theme, the line it completes or "", text) for each line under the heading, in order."""
    found, theme, inside, parent = [], 0, False, ""
    for raw in PLAN_SOURCE.read_text(encoding="utf-8").splitlines():
        if raw.strip() == HEADING:
            theme, inside = theme + 1, True
        elif inside and raw.startswith("- "):
            parent = raw[2:]
            found.append((theme, "", parent))
        elif inside and raw.startswith(" - "):
            found.append((theme, parent, raw[3:]))
        elif inside and found and found[-1][0] == theme and raw and not raw.startswith(" "):
            inside = raw.strip() == "Show"
    return found


def _fixture() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["lines"]


def test_the_fixture_lists_every_line_of_the_plan_once_in_order():
    lines = source_lines()
    assert len(lines) == 34
    assert [(e["theme"], e.get("part_of", ""), e["text"]) for e in _fixture()] == lines


def test_the_seven_identical_every_year_lines_are_not_measures():
    every_year = [e for e in _fixture() if e["text"] == EVERY_YEAR]
    assert len(every_year) == sum(1 for *_x, text in source_lines() if text == EVERY_YEAR) == 7
    assert {e["kind"] for e in every_year} == {"none"}


def test_only_the_every_year_lines_and_lead_ins_to_sub_lines_are_not_measures():
    lead_ins = {parent for _theme, parent, _text in source_lines() if parent}
    for entry in _fixture():
        is_not = entry["text"] == EVERY_YEAR or entry["text"] in lead_ins
        assert (entry["kind"] == "none") == is_not, entry["text"]
        assert entry["why"], entry["text"]


def test_lines_naming_a_count_take_figures_and_the_others_statements():
    for entry in _fixture():
        text = entry["text"].lower()
        if entry["kind"] == MeasureKind.FIGURE:
            assert any(
                word in text
                for word in ("number", "how many", "reach", "use of", "data", "metrics")
            ), entry["text"]
        elif entry["kind"] == MeasureKind.STATEMENT:
            assert "number" not in text and "how many" not in text, entry["text"]
    kinds = {e["text"]: e["kind"] for e in _fixture()}
    assert kinds[WECARE] == MeasureKind.FIGURE
    assert (
        kinds[
            "We'll report on the numbers of people moving into education and/or employment from "
            "the Introduction to social care programme."
        ]
        == MeasureKind.FIGURE
    )


def test_loading_makes_one_measure_per_line_that_is_a_measure(measures_loaded):
    lines = source_lines()
    lead_ins = {parent for _theme, parent, _text in lines if parent}
    expected = [t for _th, _p, t in lines if t != EVERY_YEAR and t not in lead_ins]
    assert ProgressMeasure.objects.count() == len(expected) == 26
    assert sorted(ProgressMeasure.objects.values_list("line__text_en", flat=True)) == sorted(
        expected
    )
    out = StringIO()
    call_command("load_measures", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert ProgressMeasure.objects.count() == 26


def test_a_fixture_that_misses_a_line_is_refused_naming_it(real_plan, tmp_path):
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    missing = document["lines"].pop(5)
    path = Path(tmp_path) / "measures-2024-2027.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(MeasuresFixtureError, match="not classified") as error:
        measures_load(path=path)
    assert missing["text"] in str(error.value)
    assert not ProgressMeasure.objects.exists()
