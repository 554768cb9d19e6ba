"""Loading the 2022 to 2023 plan and the mental health workforce plan: word for word, every
action compared with the source, totals counted from the source, idempotent, all or nothing,
and the 2024 to 2027 plan left exactly as it was."""

import json
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from actions.models import (
    Action,
    ActionOwner,
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
    PlanStatement,
    PlanTheme,
    StatementKind,
)
from actions.selectors import plan_current
from tests.conftest import PLAN_FIXTURE, PLAN_SLUG, ROOT
from tests.other_plans_source import (
    commitments_2022,
    load_other_plans,
    mental_health_ambitions,
    mental_health_stated_total,
    mental_health_themes,
    words,
)
from themes.models import Strategy, Theme

pytestmark = pytest.mark.django_db

PLAN_2022 = ROOT / "fixtures" / "plan-2022-2023.json"
MENTAL_HEALTH = ROOT / "fixtures" / "plan-mental-health-workforce.json"


@pytest.fixture
def other_plans(real_plan):
    load_other_plans()


def _serialized_2024_records() -> str:
    """Every record of the 2024 to 2027 plan, its strategy, themes and owners, as text."""
    plan = DeliveryPlan.objects.get(slug=PLAN_SLUG)
    querysets = [
        Strategy.objects.order_by("pk"),
        Theme.objects.order_by("pk"),
        DeliveryPlan.objects.filter(pk=plan.pk),
        DeliveryPeriod.objects.filter(plan=plan).order_by("pk"),
        Action.objects.filter(plan=plan).order_by("pk"),
        ActionOwner.objects.filter(action__plan=plan).order_by("pk"),
        Organisation.objects.filter(ownerships__action__plan=plan).distinct().order_by("pk"),
    ]
    return "\n".join(serializers.serialize("json", qs) for qs in querysets)


def test_loading_the_other_plans_leaves_the_2024_plan_unchanged(real_plan):
    before = _serialized_2024_records()
    load_other_plans()
    assert _serialized_2024_records() == before
    out = StringIO()
    call_command("load_plan", str(PLAN_FIXTURE), stdout=out)
    assert "nothing changed" in out.getvalue()
    assert plan_current() == real_plan


def test_the_2022_plan_holds_every_commitment_word_for_word_in_source_order(other_plans):
    source = commitments_2022()
    actions = list(Action.objects.filter(plan__slug="2022-2023").order_by("number"))
    assert len(actions) == len(source)
    assert [a.number for a in actions] == list(range(1, len(source) + 1))
    headings = {t.theme_id: t.heading for t in PlanTheme.objects.filter(plan__slug="2022-2023")}
    for action, commitment in zip(actions, source, strict=True):
        assert action.text_en == commitment.text, action.number
        assert headings[action.theme_id] == commitment.heading, action.number
        assert action.period is None
        assert action.target_date is None


def test_the_2022_joint_commitments_are_owned_with_heiw(other_plans):
    source = commitments_2022()
    joint = {
        a.number
        for a in Action.objects.filter(plan__slug="2022-2023", owners__organisation__slug="heiw")
    }
    assert joint == {n for n, c in enumerate(source, start=1) if c.joint}
    assert len(joint) == sum(c.joint for c in source)
    alone = Action.objects.filter(plan__slug="2022-2023").exclude(number__in=joint)
    assert {o.organisation.slug for a in alone for o in a.owners.all()} == {"social-care-wales"}


def test_the_2022_plan_is_ended_and_numbered_by_the_tracker(other_plans):
    plan = DeliveryPlan.objects.get(slug="2022-2023")
    assert plan.ended and plan.numbered_by_tracker
    assert plan.item_name == "commitment"
    assert Action.objects.get(plan=plan, number=2).heading == "Commitment 2"


def test_the_plans_own_theme_headings_leave_the_strategys_titles(other_plans):
    theme_3 = Theme.objects.get(number=3)
    assert theme_3.title_en == "Seamless workforce models"
    heading = PlanTheme.objects.get(plan__slug="2022-2023", theme=theme_3).heading_en
    assert heading == "Seamless working models"


def test_every_mental_health_action_matches_the_source(other_plans):
    themes = mental_health_themes()
    source = [(t, title, text) for t in themes for title, text in t.actions]
    actions = list(Action.objects.filter(plan__slug="mental-health-workforce").order_by("number"))
    assert len(actions) == len(source) == mental_health_stated_total()
    for action, (theme, title, description) in zip(actions, source, strict=True):
        assert words(action.text_en) == title, action.number
        assert words(action.description_en) == description, action.number
        assert theme.heading.startswith(
            PlanTheme.objects.get(plan=action.plan, theme=action.theme).heading_en
        )
        assert "[bookmark" not in action.text_en + action.description_en
        assert {(o.organisation.slug, o.role) for o in action.owners.all()} >= {
            ("heiw", "lead"),
            ("social-care-wales", "lead"),
        }


def test_mental_health_themes_keep_their_why_and_benefits_bullets(other_plans):
    for theme in mental_health_themes():
        plan_theme = PlanTheme.objects.get(
            plan__slug="mental-health-workforce", heading_en=_loaded_heading(theme.heading)
        )
        for kind, bullets in (
            (StatementKind.WHY, theme.why),
            (StatementKind.BENEFIT, theme.benefits),
        ):
            loaded = plan_theme.statements.filter(kind=kind).order_by("position")
            assert [words(s.text_en) for s in loaded] == bullets, (theme.heading, kind)


def test_mental_health_ambitions_are_word_for_word(other_plans):
    loaded = PlanStatement.objects.filter(
        plan__slug="mental-health-workforce", kind=StatementKind.AMBITION
    ).order_by("position")
    assert [words(s.text_en) for s in loaded] == mental_health_ambitions()


def _loaded_heading(source_heading: str) -> str:
    headings = PlanTheme.objects.filter(plan__slug="mental-health-workforce")
    return next(h.heading_en for h in headings if source_heading.startswith(h.heading_en))


def test_loading_again_changes_nothing(other_plans):
    for path in (PLAN_2022, MENTAL_HEALTH):
        out = StringIO()
        call_command("load_plan", str(path), stdout=out)
        assert "nothing changed" in out.getvalue()


def test_a_bad_document_is_refused_whole_naming_each_problem(real_plan, tmp_path):
    document = json.loads(PLAN_2022.read_text(encoding="utf-8"))
    document["plan"]["actions"][3]["theme"] = 9
    document["plan"]["themes"][0]["why"] = [" padded "]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_plan", str(path))
    assert "plan.actions[3] (action 4): theme 9 is not a theme (1 to 7)" in str(error.value)
    assert "plan.themes[0] (theme 1) why[0]" in str(error.value)
    assert not DeliveryPlan.objects.filter(slug="2022-2023").exists()


def test_a_later_plan_needs_its_strategy_loaded_first(no_plan):
    with pytest.raises(CommandError) as error:
        call_command("load_plan", str(MENTAL_HEALTH))
    assert "is not loaded: load the plan document that brings its themes first" in str(error.value)
    assert not Action.objects.exists()


def test_load_plan_all_loads_every_plan_and_the_links_once(real_plan):
    first = StringIO()
    call_command("load_plan", all=True, stdout=first)
    assert "lineage-proposals.json: " in first.getvalue()
    assert DeliveryPlan.objects.count() == 3
    again = StringIO()
    call_command("load_plan", all=True, stdout=again)
    assert again.getvalue().count("nothing changed") == 3
    assert "0 links proposed" in again.getvalue()
