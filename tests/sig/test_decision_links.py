"""A decision links actions, indicators and themes; a risk links actions and themes. The links
show on the decision and risk pages, and a theme page lists the decisions about it that its
reader may see."""

import re

import pytest
from django.utils import translation

from measures.models import Indicator
from sig import services
from sig.forms import DecisionForm, RiskForm
from sig.models import Decision, Risk
from tests.sig.conftest import record
from themes.models import Theme

pytestmark = pytest.mark.django_db


def _approve_minutes(meeting, people):
    meeting.refresh_from_db()
    meeting = services.minutes_save(
        meeting=meeting,
        user=people["editor"],
        minutes_en="The group met.",
        minutes_cy="",
        base_version=meeting.version,
    )
    services.minutes_approve(meeting=meeting, user=people["sig"], base_version=meeting.version)


def _checkbox_values(page: str, name: str) -> list[str]:
    return re.findall(rf'type="checkbox" name="{name}" value="(\d+)"', page)


def _decision_post(people, **links) -> dict:
    return {
        "wording_en": "Widen the routes into social work for people already in care roles.",
        "action_numbers": "12",
        "organisation": people["heiw"].pk,
        "due_on_day": "1",
        "due_on_month": "1",
        "due_on_year": "2030",
        "is_public": "yes",
        **links,
    }


def test_the_decision_form_offers_the_plans_themes_and_indicators_as_checkboxes(
    client, meeting, people, real_plan
):
    client.force_login(people["sig"])
    page = client.get(f"/staff/meetings/{meeting.pk}/decisions/new/").content.decode()
    themes = Theme.objects.filter(strategy=real_plan.strategy)
    indicators = Indicator.objects.filter(plan=real_plan)
    assert sorted(_checkbox_values(page, "themes")) == sorted(str(t.pk) for t in themes)
    assert sorted(_checkbox_values(page, "indicators")) == sorted(str(i.pk) for i in indicators)
    # Each group of checkboxes is a fieldset with its legend, as GOV.UK checkboxes are.
    assert re.search(r"<legend[^>]*>Themes", page)
    assert re.search(r"<legend[^>]*>Indicators", page)


def test_a_decision_recorded_with_themes_and_indicators_shows_them(
    client, meeting, people, real_plan
):
    theme = Theme.objects.get(strategy=real_plan.strategy, number=3)
    indicator = Indicator.objects.filter(plan=real_plan).select_related("theme").first()
    client.force_login(people["sig"])
    response = client.post(
        f"/staff/meetings/{meeting.pk}/decisions/new/",
        _decision_post(people, themes=[theme.pk], indicators=[indicator.pk]),
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.themes.all()) == [theme]
    assert list(decision.indicators.all()) == [indicator]
    assert [a.number for a in decision.actions.all()] == [12]

    page = client.get(decision.get_absolute_url()).content.decode()
    assert f'href="{theme.get_absolute_url()}"' in page
    assert f'href="{indicator.get_absolute_url()}"' in page
    assert f"{indicator.code} " in page


def test_a_theme_or_indicator_from_elsewhere_is_refused_beside_its_field(
    client, meeting, people, real_plan
):
    other = Indicator.objects.exclude(plan=real_plan).first()
    client.force_login(people["sig"])
    bad = [str(other.pk)] if other else ["999999"]
    response = client.post(
        f"/staff/meetings/{meeting.pk}/decisions/new/",
        _decision_post(people, themes=["999999"], indicators=bad),
    )
    assert response.status_code == 400
    assert not Decision.objects.exists()
    assert "Select one of the options shown" in response.content.decode()
    form = DecisionForm(_decision_post(people, themes=["999999"], indicators=bad), plan=real_plan)
    assert not form.is_valid()
    assert set(form.errors) == {"themes", "indicators"}


def test_theme_pages_list_the_decisions_about_them_public_only_for_the_public(
    client, meeting, people, real_plan
):
    theme = Theme.objects.get(strategy=real_plan.strategy, number=2)
    public = record(meeting, people["sig"], organisation=people["heiw"], number=None)
    public.themes.set([theme])
    internal = record(meeting, people["sig"], organisation=people["heiw"], number=None)
    internal.wording_en = "An internal decision about theme 2."
    internal.is_public = False
    internal.save()
    internal.themes.set([theme])

    # Before the minutes are approved nothing is public.
    assert "Decisions about this theme" not in client.get("/themes/2/").content.decode()

    _approve_minutes(meeting, people)
    page = client.get("/themes/2/").content.decode()
    assert "Decisions about this theme" in page
    assert "Report on widening access to careers" in page
    assert "An internal decision about theme 2." not in page
    # Another theme does not list them.
    assert "Decisions about this theme" not in client.get("/themes/3/").content.decode()
    # The Welsh page lists the same, with the Welsh wording.
    welsh = client.get("/cy/themes/2/").content.decode()
    assert "Adrodd ar ehangu mynediad" in welsh

    client.force_login(people["sig"])
    staff_page = client.get("/themes/2/").content.decode()
    assert "An internal decision about theme 2." in staff_page


def test_the_risk_form_links_themes_and_the_risk_page_shows_them(client, people, real_plan):
    theme = Theme.objects.get(strategy=real_plan.strategy, number=5)
    client.force_login(people["sig"])
    form_page = client.get("/staff/risks/").content.decode()
    assert len(_checkbox_values(form_page, "themes")) == 7
    response = client.post(
        "/staff/risks/",
        {
            "description_en": "Fewer training places than planned.",
            "action_numbers": "",
            "themes": [theme.pk],
            "likelihood": "3",
            "impact": "4",
            "owner": people["heiw"].pk,
            "review_on_day": "1",
            "review_on_month": "1",
            "review_on_year": "2030",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert list(risk.themes.all()) == [theme]
    page = client.get(risk.get_absolute_url()).content.decode()
    assert f'href="{theme.get_absolute_url()}"' in page
    # The change form starts with the risk's themes ticked.
    assert re.search(rf'name="themes" value="{theme.pk}"[^>]*checked', page)

    # Changing the risk can take its themes away again.
    response = client.post(
        risk.get_absolute_url(),
        {
            "description_en": "Fewer training places than planned.",
            "likelihood": "3",
            "impact": "4",
            "owner": people["heiw"].pk,
            "review_on_day": "1",
            "review_on_month": "1",
            "review_on_year": "2030",
            "base_version": risk.version,
        },
    )
    assert response.status_code == 302
    assert not risk.themes.exists()


def test_english_titles_on_a_welsh_form_are_marked_english(people, real_plan):
    theme = Theme.objects.get(strategy=real_plan.strategy, number=1)
    theme.title_cy = ""
    theme.save()
    with translation.override("cy"):
        html = str(RiskForm(plan=real_plan)["themes"])
        page = RiskForm(plan=real_plan)["themes"].as_field_group()
    assert re.search(rf'value="{theme.pk}"[^>]*lang="en"', html)
    assert re.search(r'<label class="app-radios__label" for="id_themes_0" lang="en">', page)
    assert not re.search(r'for="id_themes_1" lang="en"', page)


def test_indicator_pages_list_the_decisions_about_them(client, meeting, people, real_plan):
    indicator, other = Indicator.objects.filter(plan=real_plan).order_by("pk")[:2]
    public = record(meeting, people["sig"], organisation=people["heiw"], number=None)
    public.indicators.set([indicator])
    internal = record(meeting, people["sig"], organisation=people["heiw"], number=None)
    internal.wording_en = "An internal decision about the indicator."
    internal.is_public = False
    internal.save()
    internal.indicators.set([indicator])
    url = indicator.get_absolute_url()
    assert "Decisions about this indicator" not in client.get(url).content.decode()

    _approve_minutes(meeting, people)
    page = client.get(url).content.decode()
    assert "Decisions about this indicator" in page
    assert "Report on widening access to careers" in page
    assert "An internal decision about the indicator." not in page
    # The page is still the indicator's own, in both languages.
    assert "All values" in page
    assert "Adrodd ar ehangu mynediad" in client.get(f"/cy{url}").content.decode()
    assert (
        "Decisions about this indicator"
        not in client.get(other.get_absolute_url()).content.decode()
    )

    client.force_login(people["sig"])
    assert "An internal decision about the indicator." in client.get(url).content.decode()
