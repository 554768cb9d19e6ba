"""/plans/ and each plan's pages: the plans with their periods, actions by status (or
outcome for an ended plan), every count linking to a list of the same count; theme pages per
plan; Welsh twins with the English content marked lang="en"."""

import re
from html import unescape

import pytest

from actions.selectors import plan_current
from tests.other_plans_source import commitments_2022, load_other_plans, mental_health_themes

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_plans(real_plan):
    load_other_plans()


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_plan_in_force_stays_2024_to_2027(other_plans, real_plan, client):
    assert plan_current() == real_plan
    page = _page(client, "/actions/")
    assert "45 actions found" not in page
    assert "41 actions found" in page


def test_plans_lists_every_plan_with_counts_that_link_to_the_same_count(client, other_plans):
    page = _page(client, "/plans/")
    for title in (
        "Social care workforce delivery plan 2024 to 2027",
        "A strategic mental health workforce plan for health and social care",
        "A Healthier Wales: a workforce strategy for health and social care, delivery plan 2022",
    ):
        assert title in page
    assert "2022 to 2023" in page and "2022 to 2026" in page
    links = re.findall(r'<a href="(/actions/\?[^"]+)">(\d+)<', page)
    assert len(links) >= 3 + 7 + 7 + 4
    for url, count in links:
        listed = client.get(unescape(url))
        assert listed.status_code == 200, url
        assert listed.context["page"].paginator.count == int(count), url


def test_the_ended_plan_shows_outcomes_not_statuses(client, other_plans):
    page = _page(client, "/plans/2022-2023/")
    assert "Actions by outcome" in page
    assert f'?plan=2022-2023&amp;outcome=not_recorded">{len(commitments_2022())}<' in page
    assert "No update yet" not in page
    assert "Seamless working models" in page


def test_a_plan_theme_page_shows_its_why_benefits_and_actions(client, other_plans):
    theme = mental_health_themes()[0]  # the plan starts with "Workforce supply and shape"
    page = unescape(_page(client, "/plans/mental-health-workforce/themes/7/"))
    assert "Workforce supply and shape" in page
    for text in (*theme.why, *theme.benefits):
        assert " ".join(text.split()) in " ".join(page.split())
    for title, _description in theme.actions:
        assert title in " ".join(page.split())


def test_theme_pages_link_to_each_other_plans_actions_on_the_theme(client, other_plans):
    page = _page(client, "/themes/3/")
    assert "This theme in other plans" in page
    assert "/plans/2022-2023/themes/3/" in page
    commitments = [c for c in commitments_2022() if c.heading == "Seamless working models"]
    assert f"{len(commitments)} actions" in page
    assert len(
        re.findall(r"/actions/2022-2023/\d+/", _page(client, "/plans/2022-2023/themes/3/"))
    ) == len(commitments)


@pytest.mark.parametrize(
    "url",
    [
        "/cy/plans/",
        "/cy/plans/2022-2023/",
        "/cy/plans/mental-health-workforce/themes/1/",
        "/cy/actions/2022-2023/2/",
        "/cy/actions/mental-health-workforce/9/",
    ],
)
def test_welsh_twins_mark_the_english_content(client, other_plans, url):
    page = _page(client, url)
    assert '<html lang="cy"' in page
    assert '<span lang="en">' in page
