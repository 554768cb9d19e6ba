"""The dashboard covers the mental health workforce plan as a separate plan; the ended 2022
to 2023 plan never appears in its exceptions."""

import pytest

from actions.models import Action, DeliveryPlan
from sig.dashboard import exceptions, other_plans_in_delivery
from tests.factories import UserFactory
from tests.other_plans_source import load_other_plans, mental_health_themes

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_plans(real_plan):
    load_other_plans()


def test_the_mental_health_plan_is_a_separate_plan_with_status_exceptions(other_plans, real_plan):
    plans = other_plans_in_delivery(current=real_plan)
    assert [item["plan"].slug for item in plans] == ["mental-health-workforce"]
    item = plans[0]
    total = sum(len(t.actions) for t in mental_health_themes())
    assert item["table"]["total"] == total
    assert not item["has_periods"]
    assert len(item["exceptions"].no_update_this_quarter) == total
    assert item["exceptions"].overdue == item["exceptions"].slipped == []


def test_an_ended_plan_has_no_exceptions_on_the_dashboard(other_plans, real_plan):
    ended = DeliveryPlan.objects.get(slug="2022-2023")
    found = exceptions(plan=ended)
    assert found.overdue == found.no_update_this_quarter == found.slipped == []
    shown = {item["plan"].slug for item in other_plans_in_delivery(current=real_plan)}
    assert "2022-2023" not in shown


def test_the_dashboard_page_shows_the_mental_health_plan(client, other_plans):
    client.force_login(UserFactory(role="SIG member"))
    page = client.get("/staff/dashboard/").content.decode()
    assert "A strategic mental health workforce plan for health and social care" in page
    count = Action.objects.filter(plan__slug="mental-health-workforce").count()
    assert f'?plan=mental-health-workforce&amp;status=no_update">{count}</a>' in page
    assert "/actions/2022-2023/" not in page
