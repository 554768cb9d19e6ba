"""The public actions list: which plan it shows by default, and its pages."""

import re

import pytest

from tests.factories import ActionFactory, DeliveryPeriodFactory, DeliveryPlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _numbers(body: str) -> list[int]:
    """The action numbers in the results table, in order."""
    table = body[body.index("<tbody>") : body.index("</tbody>")]
    return [int(n) for n in re.findall(r"<tr>\s*<td>(\d+)</td>", table)]


def _plan(slug: str, start_year: int, actions: int):
    plan = DeliveryPlanFactory(slug=slug, start_year=start_year, end_year=start_year + 2)
    period = DeliveryPeriodFactory(plan=plan)
    theme = ThemeFactory(strategy=plan.strategy, number=1)
    for number in range(1, actions + 1):
        ActionFactory(plan=plan, period=period, theme=theme, number=number)
    return plan


@pytest.fixture
def two_plans():
    """An older plan of 5 actions and the current plan of 120, so the list has three pages."""
    return _plan("2019-2021", 2019, 5), _plan("2030-2032", 2030, 120)


def test_the_list_shows_the_current_plan_until_the_reader_chooses(client, two_plans, real_plan):
    body = client.get("/actions/").content.decode()
    assert "120 actions found." in body
    assert '<option value="2030-2032" selected>' in body
    # "All plans" submits an empty plan, which the reader chose on purpose: these two plans'
    # actions and the real plan's 41 (counted in the plan document).
    every_plan = client.get("/actions/", {"plan": ""}).content.decode()
    assert f"{5 + 120 + 41} actions found." in every_plan
    older = client.get("/actions/", {"plan": "2019-2021"}).content.decode()
    assert _numbers(older) == [1, 2, 3, 4, 5]


def test_downloads_from_the_list_name_the_plan_it_shows(client, two_plans):
    body = client.get("/actions/", {"page": "2"}).content.decode()
    assert 'href="/data/actions.csv?plan=2030-2032"' in body
    data = client.get("/data/actions.json", {"plan": "2030-2032"}).json()
    assert data["count"] == 120


def test_the_list_shows_fifty_actions_a_page_with_links_to_the_others(client, two_plans):
    first = client.get("/actions/").content.decode()
    assert _numbers(first) == list(range(1, 51))
    assert "Showing 1 to 50 (page 1 of 3)." in first
    assert "<title>Actions (page 1 of 3)" in first
    assert 'aria-current="page">1</a>' in first
    assert 'href="?plan=2030-2032&amp;page=2" rel="next"' in first
    assert 'rel="prev"' not in first

    last = client.get("/actions/", {"page": "3"}).content.decode()
    assert _numbers(last) == list(range(101, 121))
    assert "Showing 101 to 120 (page 3 of 3)." in last
    assert "<title>Actions (page 3 of 3)" in last
    assert 'href="?plan=2030-2032&amp;page=2" rel="prev"' in last
    assert 'rel="next"' not in last


def test_page_links_keep_the_filters(client, two_plans, real_plan):
    body = client.get("/actions/", {"plan": "", "theme": "1", "page": "2"}).content.decode()
    # Both plans' actions are in theme 1, as are 10 of the real plan's (the plan document).
    assert f"{5 + 120 + 10} actions found." in body
    assert 'href="?plan=&amp;theme=1&amp;page=3" rel="next"' in body
    # Page 1 is the address without a page number.
    assert 'href="?plan=&amp;theme=1" rel="prev"' in body


def test_a_short_list_has_no_page_links(client, two_plans):
    body = client.get("/actions/", {"plan": "2019-2021"}).content.decode()
    assert "app-pagination" not in body
    assert "Showing" not in body


@pytest.mark.parametrize("page", ["0", "4", "two", "", "1.5", "9" * 5000])
def test_a_page_that_does_not_exist_is_explained_with_the_pages_that_do(client, two_plans, page):
    response = client.get("/actions/", {"page": page})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: Actions" in body
    assert "is not a page of these results. Use a whole number from 1 to 3." in body
    assert '<a href="?plan=2030-2032">Go to the first page</a>' in body
    assert "<tbody>" not in body


def test_page_errors_are_in_welsh_on_the_welsh_site(client, two_plans):
    response = client.get("/cy/actions/", {"page": "99"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "is not a page of these results" not in body
    assert "Mae problem" in body


def test_every_page_of_the_list_runs_the_same_queries(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    plan = _plan("2030-2032", 2030, 60)
    with django_assert_max_num_queries(50) as small:
        assert client.get("/actions/", {"page": "2"}).status_code == 200
    period = plan.periods.first()
    theme = ThemeFactory(strategy=plan.strategy, number=1)
    for number in range(61, 300):
        ActionFactory(plan=plan, period=period, theme=theme, number=number)
    for page in ("1", "3", "6"):
        with django_assert_num_queries(len(small.captured_queries)):
            assert client.get("/actions/", {"page": page}).status_code == 200


def test_a_page_number_on_a_one_page_list_says_so(client, two_plans):
    response = client.get("/actions/", {"plan": "2019-2021", "page": "2"})
    assert response.status_code == 400
    assert "“2” is not a page of these results. They fit on one page." in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "found", "clear"),
    [
        ("", "0 actions found.", "Clear the filters to see every action in the current plan."),
        ("/cy", "Daethpwyd o hyd i 0 cam gweithredu.", 'href="/cy/actions/"'),
    ],
)
def test_a_search_with_no_match_says_so_and_offers_to_clear_it(
    client, two_plans, prefix, found, clear
):
    response = client.get(f"{prefix}/actions/", {"q": "xylophone"})
    assert response.status_code == 200
    body = response.content.decode()
    assert found in body and clear in body
    assert "<tbody>" not in body


def test_a_filter_with_no_match_states_its_count_of_zero(client, two_plans):
    body = client.get("/actions/", {"plan": "2019-2021", "status": "complete"}).content.decode()
    assert '<p role="status" id="result-count">0 actions found.' in body


def test_the_overdue_filter_lists_open_actions_past_their_period(client, real_plan):
    from django.utils import timezone

    from actions.models import Action
    from actions.status import ActionStatus, action_is_overdue
    from tests.plan_source import source_actions, source_periods_ended

    Action.objects.filter(number__in=[1, 2]).update(status=ActionStatus.COMPLETE)
    ended = source_periods_ended(timezone.localdate())
    expected = [n for _t, period, n in source_actions() if period in ended and n not in (1, 2)]
    assert expected  # "During 2024" has ended
    body = client.get("/actions/", {"overdue": "yes"}).content.decode()
    assert f"{len(expected)} actions found." in body
    numbers = _numbers(body)
    assert numbers == expected
    # The same rule, one action at a time, as the action pages use it.
    assert [a.number for a in Action.objects.order_by("number") if action_is_overdue(a)] == numbers


def test_a_bad_overdue_value_is_explained(client, real_plan):
    response = client.get("/actions/", {"overdue": "maybe"})
    assert response.status_code == 400
    assert "“maybe” is not a choice for “Overdue”. Use one of: yes." in response.content.decode()
