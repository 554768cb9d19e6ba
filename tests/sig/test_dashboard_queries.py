"""The SIG dashboard computes its exceptions and tables in a fixed number of queries, the same
for one plan in delivery or several and for 1x or more data, and keeps what it computed per
version of the data: the next request after any write computes it again."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from actions.models import Action, DeliveryPlan
from actions.quarters import quarter_of
from actions.services import update_submit
from devtools.scale import scale_seed
from sig import views
from tests.factories import UserFactory
from tests.other_plans_source import load_other_plans

pytestmark = pytest.mark.django_db

# Computing: the data version, then plans in delivery, status counts, themes, actions and
# their owners, indicators with values and breakdowns, the changes' updates and new values,
# which plans have periods, overdue decisions and risks.
COMPUTED = 14
# Served from the cache: the data version only.
CACHED = 1
TODAY = timezone.localdate()


@pytest.fixture
def data(real_plan):
    load_other_plans()  # the mental health plan is in delivery beside the plan in force
    return real_plan


def _computed(plan, django_assert_num_queries, expected):
    since = TODAY - datetime.timedelta(days=90)
    with django_assert_num_queries(expected):
        return views._data(plan=plan, since=since, today=TODAY)


def _page_queries(client, path="/staff/dashboard/") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_same_queries_at_1x_and_with_more_data_and_more_plans_in_delivery(
    data, client, django_assert_num_queries
):
    caches[views.CACHE_ALIAS].clear()
    first = _computed(data, django_assert_num_queries, COMPUTED)
    assert [item["plan"].slug for item in first["other_plans"]] == ["mental-health-workforce"]
    again = _computed(data, django_assert_num_queries, CACHED)
    assert again["table"] == first["table"]

    client.force_login(UserFactory(role="SIG member"))
    caches[views.CACHE_ALIAS].clear()
    page_1x, _body = _page_queries(client)

    # More data: two synthetic plans of 41 actions each with a year of updates, put back in
    # delivery so the dashboard lists them too: three other plans instead of one.
    scale_seed(factor=2)
    DeliveryPlan.objects.filter(slug__startswith="synthetic").update(ended=False)
    caches[views.CACHE_ALIAS].clear()
    scaled = _computed(data, django_assert_num_queries, COMPUTED)
    assert len(scaled["other_plans"]) == 3
    assert (
        sum(item["table"]["total"] for item in scaled["other_plans"])
        > first["other_plans"][0]["table"]["total"] + 2 * 40
    )
    _computed(data, django_assert_num_queries, CACHED)

    caches[views.CACHE_ALIAS].clear()
    page_scaled, body = _page_queries(client)
    assert page_scaled == page_1x
    assert "synthetic-01" in body or "Synthetic" in body


def _links_to(action, path, client) -> int:
    language = "cy" if path.startswith("/cy/") else "en"
    with translation.override(language):
        href = f'href="{action.get_absolute_url()}"'
    return client.get(path).content.decode().count(href)


def test_the_next_request_after_an_approval_shows_it_in_both_languages(data, client):
    client.force_login(UserFactory(role="SIG member"))
    action = Action.objects.get(plan=data, number=7)
    assert action.status != "significant_delays"
    paths = ("/staff/dashboard/", "/cy/staff/dashboard/")
    before = {path: _links_to(action, path, client) for path in paths}  # computed and kept
    update_submit(
        action=action,
        user=UserFactory(role="Editor"),
        data={
            "status": "significant_delays",
            "status_reason": "Funding paused.",
            "summary_en": "Funding for the pilot is paused.",
            "quarter": quarter_of(TODAY).code,
        },
        base_version=action.version,
        approve=True,
    )
    # Now under significant delays and among the changes, no longer waiting for an update.
    for path in paths:
        assert _links_to(action, path, client) > before[path], path


def test_each_language_and_date_is_kept_apart(data, client, django_assert_num_queries):
    caches[views.CACHE_ALIAS].clear()
    since = TODAY - datetime.timedelta(days=30)
    with translation.override("en"):
        english = views._data(plan=data, since=since, today=TODAY)
    with translation.override("cy"), django_assert_num_queries(COMPUTED):
        views._data(plan=data, since=since, today=TODAY)
    with translation.override("en"), django_assert_num_queries(COMPUTED):
        earlier = views._data(plan=data, since=since - datetime.timedelta(days=1), today=TODAY)
    with translation.override("en"), django_assert_num_queries(COMPUTED):
        views._data(plan=data, since=since, today=TODAY + datetime.timedelta(days=1))
    assert earlier["changes"]["since"] != english["changes"]["since"]
