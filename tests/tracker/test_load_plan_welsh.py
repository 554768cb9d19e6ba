"""load_plan loads the Welsh file beside the plan document into the _cy fields (issue 14)."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ActionSubPoint, DeliveryPlan, MeasurementLine
from measures.models import Indicator, IndicatorBreakdown, Observation
from tests.conftest import PLAN_FIXTURE, ROOT
from themes.models import Strategy, Theme

# Each test loads the plan into a database that does not have it yet.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_plan")]

WELSH_FIXTURE = ROOT / "fixtures" / "plan-2024-2027.cy.json"
PLAN_TITLE_CY = "Cynllun Cyflawni Gweithlu Gofal Cymdeithasol 2024 i 2027"
STRATEGY_TITLE_CY = "Cymru Iachach: Ein Strategaeth Gweithlu ar gyfer Iechyd a Gofal Cymdeithasol"


def _welsh() -> dict:
    return json.loads(WELSH_FIXTURE.read_text(encoding="utf-8"))


def _load(tmp_path, welsh: dict | None, *args: str) -> str:
    """Load the real plan from tmp_path with the given Welsh document beside it."""
    path = tmp_path / "plan.json"
    shutil.copy(PLAN_FIXTURE, path)
    if welsh is not None:
        (tmp_path / "plan.cy.json").write_text(json.dumps(welsh), encoding="utf-8")
    out = io.StringIO()
    call_command("load_plan", str(path), *args, stdout=out)
    return out.getvalue()


def _plan_rows() -> int:
    return sum(m.objects.count() for m in (Strategy, Theme, DeliveryPlan, Action, Indicator))


def test_every_welsh_text_lands_in_its_cy_field(tmp_path):
    welsh = _welsh()
    _load(tmp_path, welsh)
    assert Strategy.objects.get().title_cy == STRATEGY_TITLE_CY
    plan = DeliveryPlan.objects.get()
    assert (plan.title_cy, plan.welsh_translation_status) == (PLAN_TITLE_CY, "tracker")
    for cy in welsh["themes"]:
        theme = Theme.objects.get(number=cy["number"])
        assert (theme.title_cy, theme.ambition_cy) == (cy["title"], cy["ambition"])
    for cy in welsh["plan"]["actions"]:
        action = Action.objects.get(number=cy["number"])
        assert action.text_cy == cy["text"]
        points = ActionSubPoint.objects.filter(action=action).order_by("position")
        assert [p.text_cy for p in points] == cy["sub_points"]
    lines = [line for cy in welsh["plan"]["measurement_lines"] for line in _line_texts(cy)]
    assert sorted(MeasurementLine.objects.values_list("text_cy", flat=True)) == sorted(lines)
    for cy in welsh["plan"]["indicators"]:
        theme, position = (int(part) for part in cy["code"].split("."))
        indicator = Indicator.objects.get(theme__number=theme, position=position)
        assert indicator.statement_cy == cy["statement"]
        for b in cy.get("baselines", []):
            observation = Observation.objects.get(
                indicator=indicator, period=b["period"], breakdown=b.get("breakdown", "")
            )
            assert observation.source_cy == b["source"]
        for d in cy.get("breakdowns", []):
            breakdown = IndicatorBreakdown.objects.get(indicator=indicator, code=d["code"])
            assert breakdown.label_cy == d["label"]


def _line_texts(cy: dict) -> list[str]:
    return [cy["text"], *cy.get("sub_lines", [])]


def test_second_load_with_the_welsh_changes_nothing(tmp_path):
    _load(tmp_path, _welsh())
    assert "already loaded, nothing changed" in _load(tmp_path, _welsh())


def test_without_the_welsh_file_the_welsh_fields_stay_empty(tmp_path):
    _load(tmp_path, _welsh(), "--without-welsh")
    assert not [action.number for action in Action.objects.all() if action.text_cy]
    assert DeliveryPlan.objects.get().welsh_translation_status == ""


def _refused(tmp_path, welsh: dict) -> str:
    with pytest.raises(CommandError) as raised:
        _load(tmp_path, welsh)
    assert _plan_rows() == 0, "a refused Welsh file must leave the English unloaded too"
    message = str(raised.value)
    assert "plan.cy.json was not loaded; nothing was changed" in message
    return message


def test_a_welsh_item_that_matches_nothing_is_refused_naming_it(tmp_path):
    welsh = _welsh()
    welsh["plan"]["actions"][4]["number"] = 99
    message = _refused(tmp_path, welsh)
    assert "plan.actions[4] (action number 99): matches no action of the English plan" in message
    # Action 5 lost its Welsh item, so it is named as missing too.
    assert "plan.actions: has no Welsh for the action with number 5" in message


def test_an_item_missing_from_the_welsh_is_refused_naming_it(tmp_path):
    welsh = _welsh()
    welsh["themes"] = [t for t in welsh["themes"] if t["number"] != 3]
    message = _refused(tmp_path, welsh)
    assert "themes: has no Welsh for the theme with number 3" in message


def test_a_missing_welsh_text_or_sub_point_is_refused_naming_it(tmp_path):
    welsh = _welsh()
    del welsh["plan"]["indicators"][0]["statement"]
    action_2 = next(a for a in welsh["plan"]["actions"] if a["number"] == 2)
    action_2["sub_points"] = action_2["sub_points"][:-1]
    message = _refused(tmp_path, welsh)
    assert "plan.indicators[0] (indicator code '1.1'): 'statement' has no Welsh text." in message
    assert "(action number 2).sub_points: must list" in message


def test_an_unknown_translation_status_is_refused(tmp_path):
    welsh = _welsh()
    welsh["translation_status"] = "machine"
    assert "translation_status: is 'machine'; it must be one of tracker, reviewed" in (
        _refused(tmp_path, welsh)
    )
