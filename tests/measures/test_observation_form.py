"""The indicator-value form: field errors instead of 500s, the context an Editor needs, links."""

import pytest

from measures.models import Indicator, Observation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _indicator(theme: int, position: int) -> Indicator:
    return Indicator.objects.get(theme__number=theme, position=position)


def _value(**overrides) -> dict:
    data = {
        "period": "2024",
        "value": "68",
        "source_en": "Social care workforce survey 2024",
        "status": "provisional",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    return client


def test_breakdown_code_without_a_label_is_an_error_beside_the_label(editor_client):
    morale = _indicator(1, 1)
    before = Observation.objects.count()
    response = editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/", _value(breakdown="care-homes")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_breakdown_label_en_error"' in body
    assert "Give the breakdown a label" in body
    assert 'href="#id_breakdown_label_en"' in body
    assert Observation.objects.count() == before


def test_changing_a_value_to_a_breakdown_without_a_label_is_an_error(editor_client):
    morale = _indicator(1, 1)
    value = Observation.objects.create(
        indicator=morale, period="2024", period_end="2024-12-31", value=60, source_en="Survey"
    )
    response = editor_client.post(
        f"/staff/values/{value.pk}/edit/", _value(breakdown="care-homes", base_version=0)
    )
    assert response.status_code == 400
    assert 'id="id_breakdown_label_en_error"' in response.content.decode()
    value.refresh_from_db()
    assert (value.breakdown, value.version) == ("", 0)


def test_form_shows_the_unit_range_and_the_breakdowns_already_used(editor_client):
    morale = _indicator(1, 1)
    Observation.objects.create(
        indicator=morale,
        period="2024",
        period_end="2024-12-31",
        breakdown="care-homes",
        breakdown_label_en="Adult care homes",
        value=60,
        source_en="Survey",
    )
    body = editor_client.get(f"/staff/indicators/{morale.pk}/values/new/").content.decode()
    assert "A percentage from 0 to 100" in body
    assert 'aria-describedby="id_value_helptext"' in body
    assert "care-homes" in body and "Adult care homes" in body


def test_saving_confirms_on_the_indicator_page_with_the_new_value(editor_client):
    morale = _indicator(1, 1)
    response = editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/", _value(), follow=True
    )
    assert response.redirect_chain[-1][0] == f"{morale.get_absolute_url()}#values"
    body = response.content.decode()
    assert "Value for 2024 recorded: 68" in body
    assert 'role="status"' in body


def test_a_second_value_for_the_same_period_links_to_the_first(editor_client):
    morale = _indicator(1, 1)
    first = Observation.objects.create(
        indicator=morale, period="2024", period_end="2024-12-31", value=60, source_en="Survey"
    )
    response = editor_client.post(f"/staff/indicators/{morale.pk}/values/new/", _value())
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is already a value for 2024" in body
    assert f'<a href="/staff/values/{first.pk}/edit/">Change the value for 2024</a>' in body
    assert Observation.objects.filter(indicator=morale, period="2024").count() == 1


@pytest.mark.parametrize(
    ("role", "sees_links"),
    [("Editor", True), ("Administrator", True), ("SIG member", False), (None, False)],
)
def test_only_editors_see_add_and_change_links_on_the_indicator(
    client, real_plan, role, sees_links
):
    morale = _indicator(1, 1)
    value = Observation.objects.create(
        indicator=morale, period="2024", period_end="2024-12-31", value=60, source_en="Survey"
    )
    baseline = morale.observations.get(is_baseline=True)
    if role:
        client.force_login(UserFactory(role=role))
    body = client.get(morale.get_absolute_url()).content.decode()
    add = f'href="/staff/indicators/{morale.pk}/values/new/"'
    change = f'href="/staff/values/{value.pk}/edit/"'
    assert (add in body, change in body) == (sees_links, sees_links)
    # Baselines are not changed from the staff pages, so they never get a link there.
    assert f'href="/staff/values/{baseline.pk}/edit/"' not in body
    if sees_links:
        assert client.get(f"/staff/indicators/{morale.pk}/values/new/").status_code == 200
        assert client.get(f"/staff/values/{value.pk}/edit/").status_code == 200


def test_a_period_longer_than_any_period_is_refused_not_cut_short(client, real_plan):
    from measures.models import Indicator, Observation
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="Editor"))
    indicator = Indicator.objects.get(theme__number=1, position=1)
    url = f"/staff/indicators/{indicator.pk}/values/new/"
    assert 'maxlength="7"' not in client.get(url).content.decode()
    response = client.post(url, {"period": "2025-02-31", "value": "60", "source_en": "S"})
    assert response.status_code in (200, 400)
    assert "id_period_error" in response.content.decode()
    assert not Observation.objects.filter(
        indicator=indicator, period__startswith="2025-02"
    ).exists()
