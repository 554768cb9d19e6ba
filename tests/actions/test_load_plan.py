import copy
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ActionOwner, ActionSubPoint, MeasurementLine, Organisation
from measures.models import Indicator, Observation
from tests.conftest import PLAN_FIXTURE, PLAN_SOURCE
from themes.models import Theme

pytestmark = pytest.mark.django_db

_LINK = re.compile(r"\[([^\]]+)\]\(#\)")


def _source_lines() -> list[str]:
    """The plan's lines with the web page's link markup removed (the words stay)."""
    text = PLAN_SOURCE.read_text(encoding="utf-8")
    return [_LINK.sub(r"\1", line.rstrip()) for line in text.splitlines()]


def _source_text_flat() -> str:
    """The plan as one line, so text broken across the page's lines can be found."""
    return " ".join(line.strip() for line in _source_lines() if line.strip())


def _document() -> dict:
    return json.loads(PLAN_FIXTURE.read_text(encoding="utf-8"))


def _load(document: dict, tmp_path) -> str:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = StringIO()
    call_command("load_plan", str(path), stdout=out)
    return out.getvalue()


def _table_counts() -> dict[str, int]:
    models = (Theme, Organisation, Action, ActionSubPoint, ActionOwner, MeasurementLine)
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update(Indicator=Indicator.objects.count(), Observation=Observation.objects.count())
    return counts


def test_real_plan_has_seven_themes_and_41_actions_split_25_and_16(real_plan):
    assert Theme.objects.count() == 7
    assert real_plan.actions.count() == 41
    assert real_plan.actions.filter(period__slug="2024").count() == 25
    assert real_plan.actions.filter(period__slug="2025-2027").count() == 16
    assert list(real_plan.periods.values_list("label_en", flat=True)) == [
        "During 2024",
        "During 2025 to 2027",
    ]


def test_every_action_matches_the_source_word_for_word(real_plan):
    lines = _source_lines()
    in_actions, source_actions = False, {}
    for line in lines:
        if line == "Workforce strategy actions 2024 to 2027":
            in_actions = True
        elif line.startswith("How we'll measure progress"):
            in_actions = False
        elif in_actions and (match := re.match(r"^(\d+)\. (.+)$", line)):
            source_actions[int(match.group(1))] = match.group(2)
    assert len(source_actions) == 41
    loaded = {a.number: a.text_en for a in real_plan.actions.all()}
    assert loaded == source_actions


def test_sub_points_of_actions_2_and_17_are_kept_in_order(real_plan):
    lines = set(_source_lines())
    with_sub_points = {
        a.number: [p.text_en for p in a.sub_points.all()]
        for a in real_plan.actions.prefetch_related("sub_points")
        if a.sub_points.exists()
    }
    assert sorted(with_sub_points) == [2, 17]
    assert with_sub_points[17] == [
        "learners' journeys from when they complete their award through to employment.",
        "retention once they're in employment.",
        "the journey from the WeCare Wales website into employment.",
    ]
    for points in with_sub_points.values():
        for point in points:
            assert f"- {point}" in lines


def test_theme_titles_and_ambitions_are_the_plans_words(real_plan):
    flat = _source_text_flat()
    for theme in Theme.objects.all():
        assert theme.ambition_en in flat
        assert theme.title_en in flat
    assert Theme.objects.get(number=1).ambition_en == (
        "The health and social care workforce will feel valued and supported wherever they work."
    )


def test_owners_follow_the_text_and_default_to_social_care_wales(real_plan):
    def owners(number):
        return {
            (o.organisation.slug, o.role, o.named_in_text)
            for o in ActionOwner.objects.filter(action__number=number).select_related(
                "organisation"
            )
        }

    assert owners(1) == {("social-care-wales", "lead", False)}
    assert owners(9) == {("welsh-government", "lead", True)}
    assert ("heiw", "lead", True) in owners(20)
    assert owners(35) == {
        ("care-inspectorate-wales", "lead", True),
        ("social-care-wales", "lead", True),
    }
    assert ("wlga", "lead", True) in owners(2)
    assert not Action.objects.filter(owners__isnull=True).exists()


def test_every_owner_marked_as_named_is_named_in_the_actions_words(real_plan):
    for owner in ActionOwner.objects.filter(named_in_text=True).select_related(
        "action", "organisation"
    ):
        words = " ".join(
            [owner.action.text_en, *(p.text_en for p in owner.action.sub_points.all())]
        )
        names = {owner.organisation.name_en, owner.organisation.abbreviation_en} - {"", None}
        assert any(name in words for name in names), (owner.action.number, names)


def test_owners_named_in_one_sub_point_are_recorded_against_it(real_plan):
    """Action 2 names the Fair Work Forum in its first point and WLGA leading the second."""
    owners = {
        o.organisation.slug: (o.role, o.sub_point.position if o.sub_point else None)
        for o in ActionOwner.objects.filter(action__number=2).select_related(
            "organisation", "sub_point"
        )
    }
    assert owners == {
        "social-care-wales": ("lead", None),
        "social-care-fair-work-forum": ("partner", 1),
        "wlga": ("lead", 2),
    }
    # Each is named in the words of its own point, and only there.
    for owner in ActionOwner.objects.filter(sub_point__isnull=False).select_related(
        "organisation", "sub_point", "action"
    ):
        names = {owner.organisation.name_en, owner.organisation.abbreviation_en} - {"", None}
        assert any(name in owner.sub_point.text_en for name in names)
        assert not any(name in owner.action.text_en for name in names)


def test_actions_naming_no_one_are_led_by_social_care_wales_by_default(real_plan):
    for action in Action.objects.exclude(owners__named_in_text=True):
        assert {(o.organisation.slug, o.role) for o in action.owners.all()} == {
            ("social-care-wales", "lead")
        }, action.number


def test_indicators_keep_statement_and_baseline_as_worded(real_plan):
    flat = _source_text_flat()
    indicators = list(Indicator.objects.select_related("theme"))
    assert len(indicators) == 21
    for indicator in indicators:
        bullet = indicator.statement_en
        if indicator.baseline_text_en:
            bullet += f" ({indicator.baseline_text_en})"
        assert bullet in flat, indicator.code
    morale = Indicator.objects.get(theme__number=1, position=1)
    assert morale.baseline_text_en == "65 per cent in 2023"
    baseline = morale.observations.get(is_baseline=True)
    assert (baseline.period, baseline.value, baseline.breakdown) == ("2023", 65, "")


def test_registration_indicator_has_three_breakdowns_at_december_2023(real_plan):
    indicator = Indicator.objects.get(theme__number=5, position=1)
    baselines = {
        (o.breakdown, o.period, int(o.value))
        for o in indicator.observations.filter(is_baseline=True)
    }
    assert baselines == {
        ("adult-care-homes", "2023-12", 52),
        ("domiciliary-care", "2023-12", 43),
        ("residential-child-care", "2023-12", 73),
    }


def test_indicators_without_figures_say_so_and_theme_4_has_none(real_plan):
    pending = Indicator.objects.get(theme__number=1, position=5)
    assert pending.baseline_status == "pending"
    assert pending.baseline_text_en == "we'll establish a baseline in 2024"
    assert not pending.observations.exists()
    theme_4 = Theme.objects.get(number=4)
    assert not theme_4.indicators.exists()
    assert theme_4.indicators_pending
    assert "digital maturity and literacy assessment" in theme_4.indicators_pending_reason_en


def test_measurement_lines_keep_their_nesting(real_plan):
    survey = MeasurementLine.objects.get(
        theme__number=2, text_en="We'll use the annual workforce survey to monitor:"
    )
    assert [c.text_en for c in survey.children.order_by("position")] == [
        "reasons why people leave the sector, and",
        "what the workforce thinks should be done to make the social care sector a more "
        "attractive and rewarding place to work.",
    ]
    assert MeasurementLine.objects.filter(parent=None).count() == 32
    lines = set(_source_lines())
    for line in MeasurementLine.objects.all():
        marker = "- " if line.parent_id is None else " - "
        assert f"{marker}{line.text_en}" in lines, line.text_en


def test_second_load_changes_and_duplicates_nothing(real_plan, tmp_path):
    before = _table_counts()
    texts = list(Action.objects.values_list("id", "text_en", "status", "target_date"))
    output = _load(_document(), tmp_path)
    assert "nothing changed" in output
    assert _table_counts() == before
    assert list(Action.objects.values_list("id", "text_en", "status", "target_date")) == texts


def test_reload_keeps_status_and_welsh_text_entered_by_staff(real_plan, tmp_path):
    Action.objects.filter(number=3).update(status="on_track", text_cy="Testun Cymraeg")
    _load(_document(), tmp_path)
    action = Action.objects.get(number=3)
    assert (action.status, action.text_cy) == ("on_track", "Testun Cymraeg")


def test_corrected_wording_in_the_document_updates_the_action(real_plan, tmp_path):
    document = _document()
    document["plan"]["actions"][0]["text"] = "Corrected wording."
    output = _load(document, tmp_path)
    assert "updated 1 actions" in output
    assert Action.objects.get(number=1).text_en == "Corrected wording."


def test_owner_dropped_from_the_document_is_dropped(real_plan, tmp_path):
    document = _document()
    action_2 = next(a for a in document["plan"]["actions"] if a["number"] == 2)
    action_2["owners"] = [o for o in action_2["owners"] if o["organisation"] != "wlga"]
    output = _load(document, tmp_path)
    assert "updated 1 action owners" in output
    assert not ActionOwner.objects.filter(action__number=2, organisation__slug="wlga").exists()


def test_indicator_added_before_another_does_not_take_over_its_values(real_plan, tmp_path):
    morale = Indicator.objects.get(theme__number=1, position=1)
    document = _document()
    document["plan"]["indicators"].insert(
        0,
        {
            "code": "1.6",
            "theme": 1,
            "statement": "a new indicator placed first in the file",
            "baseline_status": "not_stated",
            "direction": "increase",
            "unit": "percent",
        },
    )
    _load(document, tmp_path)
    morale.refresh_from_db()
    assert morale.statement_en == "an increase in how many of the workforce feel morale is good"
    assert Indicator.objects.get(theme__number=1, position=6).observations.count() == 0


def _snapshot() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Theme, Action, ActionSubPoint, ActionOwner, Indicator, Observation)
    ]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            lambda d: d["plan"]["actions"][5].update(number=3),
            "plan.actions[5] (action 3): action number 3 appears more than once",
        ),
        (
            lambda d: d["plan"]["actions"][10].update(theme=9),
            "plan.actions[10] (action 11): theme 9 is not a theme (1 to 7)",
        ),
        (
            lambda d: d["plan"]["actions"][1].pop("text"),
            "plan.actions[1] (action 2): 'text' must be a non-empty text",
        ),
        (
            lambda d: d["plan"]["actions"][3].update(theme=True),
            "plan.actions[3] (action 4): theme True is not a theme",
        ),
        (
            lambda d: d["plan"]["actions"][1]["owners"][1].update(organisation=["wlga"]),
            "plan.actions[1] (action 2) owners[1]: organisation ['wlga'] is not in",
        ),
        (
            lambda d: d["plan"]["actions"][1]["owners"][1].update(named_in_text="false"),
            "plan.actions[1] (action 2) owners[1]: 'named_in_text' must be true or false",
        ),
        (
            lambda d: d["plan"]["actions"][1]["owners"][2].update(sub_point=3),
            "plan.actions[1] (action 2) owners[2]: 'sub_point' is 3; it must be the number of "
            "one of the action's sub-points (1 to 2)",
        ),
        (
            lambda d: d["plan"]["actions"][0]["owners"][0].update(sub_point=1),
            "plan.actions[0] (action 1) owners[0]: 'sub_point' is given but the action has no "
            "sub-points",
        ),
        (
            lambda d: d["plan"]["measurement_lines"][7].update(sub_lines="abc"),
            "plan.measurement_lines[7]: 'sub_lines' must be a list",
        ),
        (
            lambda d: d["plan"]["indicators"][1].update(code="1.1"),
            "plan.indicators[1] (indicator 1.1): indicator code 1.1 appears more than once",
        ),
        (
            lambda d: d["plan"]["actions"][0]["owners"][0].update(role="sponsor"),
            "plan.actions[0] (action 1) owners[0]: 'role' is 'sponsor'",
        ),
        (
            lambda d: d["plan"]["indicators"][0]["baselines"][0].update(period="2023/24"),
            "plan.indicators[0] (indicator 1.1) baselines[0]: '2023/24' is not a period",
        ),
        (
            lambda d: d["plan"]["indicators"][0]["baselines"][0].update(period=[2023]),
            "plan.indicators[0] (indicator 1.1) baselines[0]: [2023] is not a period",
        ),
        (
            lambda d: d["plan"]["indicators"][0].update(theme=4, code="4.1"),
            "plan.indicators[0] (indicator 4.1): theme 4 has no indicators yet",
        ),
        (
            lambda d: d["plan"]["periods"][0].update(starts_on="2024-13-01"),
            "plan.periods[0]: 'starts_on' must be a date written YYYY-MM-DD",
        ),
    ],
)
def test_bad_record_stops_the_load_naming_it_and_changes_nothing(
    real_plan, tmp_path, breakage, expected
):
    before = _snapshot()
    document = copy.deepcopy(_document())
    document["plan"]["actions"][0]["text"] = "A change that must not be applied."
    breakage(document)
    with pytest.raises(CommandError) as excinfo:
        _load(document, tmp_path)
    assert expected in str(excinfo.value)
    assert "nothing was changed" in str(excinfo.value)
    assert _snapshot() == before


def test_error_found_only_while_saving_rolls_back_everything(real_plan, tmp_path):
    before = _snapshot()
    document = _document()
    # Applied before the failing record is reached, then rolled back with everything else.
    document["plan"]["actions"][0]["text"] = "A change that must not be applied."
    # Passes the document checks but breaks a model rule: a percentage above 100.
    document["plan"]["indicators"][19]["baselines"][0]["value"] = "900"
    with pytest.raises(CommandError) as excinfo:
        _load(document, tmp_path)
    assert "plan.indicators[19] (indicator 7.1) baselines[0]" in str(excinfo.value)
    assert "between 0 and 100" in str(excinfo.value)
    assert _snapshot() == before


def test_error_while_saving_into_an_empty_database_leaves_it_empty(no_plan, tmp_path):
    document = _document()
    document["plan"]["indicators"][19]["baselines"][0]["value"] = "900"
    with pytest.raises(CommandError):
        _load(document, tmp_path)
    assert sum(_table_counts().values()) == 0


def test_file_that_is_not_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(CommandError, match=r"is not valid JSON \(line 1, column 12"):
        call_command("load_plan", str(path))


def test_missing_file_is_refused_clearly(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("load_plan", str(tmp_path / "absent.json"))
