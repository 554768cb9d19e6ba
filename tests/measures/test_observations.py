"""Editors record and correct indicator values through the real views."""

import pytest
from django.utils import timezone

from measures.models import Indicator, Observation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    return client


def _indicator(theme: int, position: int) -> Indicator:
    return Indicator.objects.get(theme__number=theme, position=position)


def _value(**overrides) -> dict:
    data = {
        "period": "2024",
        "value": "68",
        "breakdown": "",
        "breakdown_label_en": "",
        "source_en": "Social care workforce survey 2024",
        "notes_en": "",
        "status": "provisional",
    }
    data.update(overrides)
    return data


def test_editor_records_a_value_and_the_public_sees_it(editor_client):
    morale = _indicator(1, 1)
    response = editor_client.post(f"/staff/indicators/{morale.pk}/values/new/", _value())
    assert response.status_code == 302
    saved = morale.observations.get(period="2024")
    assert (saved.value, saved.status, saved.is_baseline) == (68, "provisional", False)
    assert saved.history.get().history_user.groups.get().name == "Editor"
    record = editor_client.get("/data/indicators.json").json()["indicators"][0]
    assert [(o["period"], o["value"]) for o in record["observations"]] == [("2024", 68)]


@pytest.mark.parametrize(
    ("indicator", "overrides", "field", "message"),
    [
        ((1, 1), {"value": "101"}, "value", "A percentage must be between 0 and 100."),
        ((1, 1), {"value": "-1"}, "value", "A percentage must be between 0 and 100."),
        ((5, 3), {"value": "-5", "period": "2023-24"}, "value", "A count cannot be negative."),
        ((1, 1), {"period": "2099"}, "period", "The period 2099 has not started yet."),
        ((1, 1), {"period": "23"}, "period", "Enter the period as 2023 (a year)"),
        (
            (1, 1),
            {"period": "2023"},
            "period",
            "There is already a value for 2023 (the whole workforce): 65.00.",
        ),
        ((1, 1), {"value": "lots"}, "value", "Enter a number, like 12 or 12.5"),
    ],
)
def test_bad_value_is_refused_beside_its_field_and_nothing_is_saved(
    editor_client, indicator, overrides, field, message
):
    target = _indicator(*indicator)
    before = Observation.objects.count()
    response = editor_client.post(f"/staff/indicators/{target.pk}/values/new/", _value(**overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}_error"' in body
    assert f'href="#id_{field}"' in body  # linked from the error summary
    assert Observation.objects.count() == before


def test_future_period_check_uses_today(editor_client):
    year = timezone.localdate().year
    morale = _indicator(1, 1)
    response = editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/", _value(period=str(year))
    )
    assert response.status_code == 302  # the current year has started


def test_second_editor_changing_the_same_value_is_refused_and_shown_the_first(client, real_plan):
    morale = _indicator(1, 1)
    value = Observation.objects.create(
        indicator=morale, period="2024", period_end="2024-12-31", value=60, source_en="Survey"
    )
    first, second = UserFactory(role="Editor"), UserFactory(role="Editor")
    client.force_login(first)
    url = f"/staff/values/{value.pk}/edit/"
    assert client.post(url, _value(value="61", base_version=0)).status_code == 302
    client.force_login(second)
    response = client.post(url, _value(value="62", notes_en="Mine", base_version=0))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this value while you were editing it." in body
    assert "61" in body
    value.refresh_from_db()
    assert value.value == 61
    # Saving again from the refreshed form works: nothing is merged silently.
    response = client.post(url, _value(value="62", base_version=1))
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.version) == (62, 2)


def test_a_change_without_the_version_it_was_made_on_is_refused(editor_client, real_plan):
    value = Observation.objects.create(
        indicator=_indicator(1, 1), period="2024", period_end="2024-12-31", value=60, source_en="S"
    )
    data = _value(value="61")
    data.pop("base_version", None)
    response = editor_client.post(f"/staff/values/{value.pk}/edit/", data)
    assert response.status_code == 400
    assert "This page is out of date" in response.content.decode()
    value.refresh_from_db()
    assert (value.value, value.version) == (60, 0)  # nothing overwritten


def test_baselines_cannot_be_edited_from_the_staff_pages(editor_client):
    baseline = _indicator(1, 1).observations.get(is_baseline=True)
    response = editor_client.post(
        f"/staff/values/{baseline.pk}/edit/", _value(period="2023", value="1", base_version=0)
    )
    assert response.status_code == 403
    baseline.refresh_from_db()
    assert baseline.value == 65
