"""Implausible dates are refused with a clear error: target dates fall between 2015 and 2040,
and value periods between 2010 and the current year (issue 12)."""

import pytest

from actions.models import Action, ProgressUpdate
from measures.models import Indicator, Observation
from tests.actions.test_progress_updates import _form, _url
from tests.factories import UserFactory
from tests.measures.test_observations import _value

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    return client


@pytest.mark.parametrize("day", ["0001-01-01", "2014-12-31", "2041-01-01"])
def test_a_target_date_outside_2015_to_2040_is_refused(editor_client, real_plan, day):
    action = Action.objects.select_related("plan").get(plan=real_plan, number=20)
    response = editor_client.post(
        _url(action),
        _form(action, revised_target_date=day, date_change_reason_en="Moved", approve="on"),
    )
    assert response.status_code == 400
    assert "Enter a target date between 1 January 2015 and 31 December 2040." in (
        response.content.decode()
    )
    assert not ProgressUpdate.objects.exists()


def test_a_target_date_within_the_span_is_accepted(editor_client, real_plan):
    action = Action.objects.select_related("plan").get(plan=real_plan, number=20)
    response = editor_client.post(
        _url(action),
        _form(
            action, revised_target_date="2030-06-30", date_change_reason_en="Moved", approve="on"
        ),
    )
    assert response.status_code == 302


@pytest.mark.parametrize("period", ["0001", "1066", "2009", "2009-10"])
def test_a_value_period_before_2010_is_refused(editor_client, period):
    morale = Indicator.objects.get(theme__number=1, position=1)
    response = editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/", _value(period=period)
    )
    assert response.status_code == 400
    assert "Enter a period from 2010 on." in response.content.decode()
    assert not Observation.objects.filter(is_baseline=False).exists()


def test_a_value_period_from_2010_is_accepted(editor_client):
    morale = Indicator.objects.get(theme__number=1, position=1)
    response = editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/", _value(period="2010")
    )
    assert response.status_code == 302
