"""The SIG dashboard against data that contains each exception."""

import datetime

import pytest
from django.utils import timezone

from actions.models import Action
from actions.quarters import quarter_of
from actions.services import update_submit
from measures.models import Indicator, Observation
from tests.factories import UserFactory
from tests.plan_source import source_actions, source_periods_ended

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
QUARTER = quarter_of(TODAY).code


def _approve(editor, number, **data):
    action = Action.objects.get(number=number)
    payload = {"status": "on_track", "summary_en": f"Update on {number}.", "quarter": QUARTER}
    payload.update(data)
    return update_submit(
        action=action, user=editor, data=payload, base_version=action.version, approve=True
    )


@pytest.fixture
def sig_client(client, real_plan):
    client.force_login(UserFactory(role="SIG member"))
    return client


@pytest.fixture
def editor(real_plan):
    return UserFactory(role="Editor")


def _section(body: str, heading: str) -> str:
    start = body.index(heading)
    end = body.find("<h3", start + 1)
    return body[start : end if end != -1 else None]


def test_each_exception_lists_the_actions_that_have_it(sig_client, editor):
    _approve(editor, 3, status="significant_delays", status_reason="Funding paused.")
    _approve(
        editor,
        4,
        revised_target_date=datetime.date(2025, 6, 30),
        date_change_reason="New supplier.",
    )
    for number in (1, 2):
        _approve(editor, number, status="complete")
    indicator = Indicator.objects.get(theme__number=1, position=3)  # reduce; baseline 26
    Observation.objects.create(
        indicator=indicator, period="2025", period_end="2025-12-31", value=35, source_en="S"
    )
    body = sig_client.get("/staff/dashboard/").content.decode()

    delays = _section(body, "Significant delays (")
    assert "Action 3<" in delays and "Action 4<" not in delays
    slipped = _section(body, "Target date slipped (")
    assert "Action 4<" in slipped and "from 31 December 2024 to 30 June 2025" in slipped
    overdue = _section(body, "Past their delivery period and not complete (")
    # The actions of every period that has ended (counted from the plan's text), less actions
    # 1 and 2, which are complete.
    ended = source_periods_ended(timezone.localdate())
    expected = sum(1 for _theme, period, _number in source_actions() if period in ended) - 2
    assert f"Past their delivery period and not complete ({expected})" in body
    assert "Action 1<" not in overdue and "Action 5<" in overdue
    no_update = _section(body, "No approved update this quarter (")
    assert "Action 3<" not in no_update and "Action 6<" in no_update
    assert "Action 1<" not in no_update  # complete
    worsening = _section(body, "Indicators moving the wrong way (")
    assert "1.3" in worsening and "1.1" not in worsening


def test_theme_status_counts_drill_down_to_the_actions(sig_client, editor):
    from tests.plan_source import source_counts

    _approve(editor, 11, status="minor_delays", status_reason="Staff changes.")
    theme_2 = source_counts()[0][1]  # theme 2's actions, counted from the plan's text
    body = sig_client.get("/staff/dashboard/").content.decode()
    for status, count in (("minor_delays", 1), ("no_update", theme_2 - 1)):
        link = f"/actions/?plan=2024-2027&amp;theme=2&amp;status={status}"
        assert f'<a href="{link}">{count}</a>' in body
        listed = sig_client.get(link.replace("&amp;", "&")).content.decode()
        assert f"{count} action{'' if count == 1 else 's'} found." in listed
    assert f'<a href="/actions/?plan=2024-2027&amp;theme=2"><strong>{theme_2}</strong></a>' in body


def test_sig_members_start_on_the_dashboard_after_signing_in(client, real_plan):
    from actions.models import Organisation
    from tests.factories import owner_of

    UserFactory(username="sian", role="SIG member")
    response = client.post("/sign-in/", {"username": "sian", "password": "correct-horse-battery"})
    assert client.get(response["Location"])["Location"] == "/staff/dashboard/"
    # Owners and Editors have updates to write: they keep "Your actions".
    for user in (UserFactory(role="Editor"), owner_of(Organisation.objects.first())):
        client.force_login(user)
        assert client.get("/staff/start/")["Location"] == "/staff/"
    client.logout()
    assert client.get("/staff/start/")["Location"].startswith("/sign-in/")


def test_changed_since_shows_before_and_after(sig_client, editor):
    _approve(editor, 7, status="on_track")
    update = _approve(editor, 7, status="minor_delays", status_reason="Staff changes.")
    # The first approval happened "before the meeting".
    from actions.models import ProgressReview

    ProgressReview.objects.exclude(update=update).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=40)
    )
    since = (TODAY - datetime.timedelta(days=10)).isoformat()
    body = sig_client.get("/staff/dashboard/", {"since": since}).content.decode()
    changes = body[body.index("Changed since") :]
    assert "Action 7<" in changes
    row = changes[changes.index("Action 7<") :]
    assert row.index("On track") < row.index("Minor delays")


def test_bad_since_date_is_refused_with_a_clear_message(sig_client):
    response = sig_client.get("/staff/dashboard/", {"since": "last week"})
    assert response.status_code == 400
    assert "The date must be a real date" in response.content.decode()
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    response = sig_client.get("/staff/dashboard/", {"since": future})
    assert "The date must be today or in the past." in response.content.decode()


def test_meeting_pack_prints_the_same_content_without_navigation(sig_client, editor):
    _approve(editor, 3, status="significant_delays", status_reason="Funding paused.")
    body = sig_client.get("/staff/dashboard/meeting-pack/").content.decode()
    assert "Meeting pack for the strategic implementation group" in body
    assert "Significant delays (1)" in body
    assert 'class="app-header"' not in body
    assert 'hreflang="cy"' in body


def test_dashboard_query_count_does_not_grow_with_updates(
    sig_client, editor, django_assert_max_num_queries
):
    # Start with one update: empty lists skip some queries altogether.
    _approve(editor, 1)
    with django_assert_max_num_queries(40) as few:
        sig_client.get("/staff/dashboard/")
    few_count = len(few.captured_queries)
    for number in range(2, 30):
        _approve(editor, number)
    with django_assert_max_num_queries(few_count):
        assert sig_client.get("/staff/dashboard/").status_code == 200
