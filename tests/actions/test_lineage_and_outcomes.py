"""Lineage between plans and an ended plan's outcomes: shown on action pages both ways,
managed by Editors only, with history; never overdue, never due."""

import json

import pytest
from django.core.management import call_command

from actions.models import Action, ActionLink, ActionOutcome, LinkState, Outcome
from actions.staff_selectors import actions_due
from actions.status import action_is_overdue, action_overdue_q
from tests.conftest import ROOT
from tests.factories import UserFactory
from tests.other_plans_source import load_other_plans

pytestmark = pytest.mark.django_db
LINEAGE = ROOT / "fixtures" / "lineage-proposals.json"


@pytest.fixture
def other_plans(real_plan):
    load_other_plans()


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(role="Editor"))
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_fixture_proposes_at_least_ten_links_each_with_a_reason(other_plans):
    document = json.loads(LINEAGE.read_text(encoding="utf-8"))
    assert len(document["links"]) >= 10
    links = ActionLink.objects.all()
    assert links.count() == len(document["links"])
    assert all(link.state == LinkState.PROPOSED and link.reason_en for link in links)
    assert all(link.action.plan_id != link.target.plan_id for link in links)


def test_action_pages_show_the_timeline_in_both_directions(client, other_plans):
    canopi = _page(client, "/actions/2024-2027/4/")
    assert "Continues commitment 2 of the 2022–23 plan" in canopi
    commitment = _page(client, "/actions/2022-2023/2/")
    assert "Continued by action 4 of the 2024–27 plan" in commitment
    assert "(proposed)" in commitment
    assert "Commitment 2" in commitment
    assert "the plan does not number its commitments" in commitment.lower()


def test_every_proposed_link_shows_on_both_action_pages(client, other_plans):
    for link in ActionLink.objects.select_related("action__plan", "target__plan"):
        for here, there in ((link.action, link.target), (link.target, link.action)):
            page = _page(client, here.get_absolute_url())
            assert there.get_absolute_url() in page, (here, there)


def test_an_editor_confirms_and_removes_links_with_history(editor_client, other_plans):
    link = ActionLink.objects.get(action__plan__slug="2024-2027", action__number=4)
    response = editor_client.post(f"/staff/links/{link.pk}/confirm/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.state == LinkState.CONFIRMED
    assert "(confirmed)" in _page(editor_client, "/actions/2022-2023/2/")
    editor_client.post(f"/staff/links/{link.pk}/remove/")
    link.refresh_from_db()
    assert link.state == LinkState.REMOVED
    assert "2024-2027/4/" not in _page(editor_client, "/actions/2022-2023/2/")
    assert [h.state for h in link.history.order_by("history_id")] == [
        "proposed",
        "confirmed",
        "removed",
    ]
    # Loading the proposals again does not bring a removed link back.
    call_command("load_plan", str(LINEAGE))
    link.refresh_from_db()
    assert link.state == LinkState.REMOVED


def test_an_editor_adds_a_link_and_bad_input_names_the_field(editor_client, other_plans):
    url = "/staff/actions/2024-2027/41/lineage/"
    bad = editor_client.post(
        url, {"relation": "continues", "plan": "2022-2023", "number": 99, "reason": "x"}
    )
    assert bad.status_code == 400
    assert "There is no action 99 in that plan." in bad.content.decode()
    good = editor_client.post(
        url,
        {
            "relation": "related",
            "plan": "2022-2023",
            "number": 79,
            "reason": "Both look into where the workforce needs attention.",
        },
    )
    assert good.status_code == 302
    link = ActionLink.objects.get(action__number=41, target__number=79)
    assert link.state == LinkState.CONFIRMED


def test_people_who_are_not_editors_cannot_change_links(client, other_plans):
    link = ActionLink.objects.first()
    client.force_login(UserFactory(role="SIG member"))
    assert client.post(f"/staff/links/{link.pk}/confirm/").status_code == 403
    assert client.get("/staff/actions/2022-2023/2/outcome/").status_code == 403
    assert "Manage links to other plans" not in _page(client, "/actions/2022-2023/2/")
    link.refresh_from_db()
    assert link.state == LinkState.PROPOSED


def test_outcomes_start_not_recorded_and_editors_record_them(editor_client, other_plans):
    assert "Not recorded" in _page(editor_client, "/actions/2022-2023/2/")
    url = "/staff/actions/2022-2023/2/outcome/"
    refused = editor_client.post(url, {"outcome": Outcome.CLOSED, "reason": ""})
    assert refused.status_code == 400
    assert "Say why the action was closed." in refused.content.decode()
    editor_client.post(url, {"outcome": Outcome.CONTINUED, "reason": ""})
    editor_client.post(url, {"outcome": Outcome.CLOSED, "reason": "Superseded by action 4."})
    outcome = ActionOutcome.objects.get(action__plan__slug="2022-2023", action__number=2)
    assert outcome.outcome == Outcome.CLOSED
    assert [h.outcome for h in outcome.history.order_by("history_id")] == [
        "continued",
        "closed",
    ]
    page = _page(editor_client, "/actions/2022-2023/2/")
    assert "Superseded by action 4." in page
    listed = editor_client.get("/actions/?plan=2022-2023&outcome=closed")
    assert [a.number for a in listed.context["page"].object_list] == [2]


def test_a_plan_in_force_has_no_outcome_page(editor_client, other_plans):
    assert editor_client.get("/staff/actions/2024-2027/4/outcome/").status_code == 404


def test_an_ended_plans_commitments_are_never_overdue_nor_due(other_plans):
    ended = Action.objects.filter(plan__slug="2022-2023")
    assert not ended.filter(action_overdue_q()).exists()
    assert not any(action_is_overdue(a) for a in ended.select_related("plan", "period"))
    assert not actions_due(ended).exists()
    # The mental health plan has no periods: nothing is overdue, but updates are due.
    mental_health = Action.objects.filter(plan__slug="mental-health-workforce")
    assert not mental_health.filter(action_overdue_q()).exists()
    assert actions_due(mental_health).count() == mental_health.count()


def test_an_ended_plans_commitments_take_no_updates_and_leave_your_actions(
    editor_client, other_plans
):
    assert editor_client.get("/staff/actions/2022-2023/2/update/").status_code == 403
    assert "Update this action" not in _page(editor_client, "/actions/2022-2023/2/")
    listed = _page(editor_client, "/staff/")
    assert "/actions/2022-2023/" not in listed
    assert "/actions/mental-health-workforce/1/" in listed
