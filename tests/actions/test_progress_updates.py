"""Progress updates through the real views: submit, review, history, conflicts."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, ActionOwner, ProgressUpdate
from actions.quarters import quarter_of
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

QUARTER = quarter_of(timezone.localdate()).code


def _form(action, **overrides) -> dict:
    data = {
        "base_version": action.version,
        "status": "on_track",
        "summary_en": "Framework refreshed and promoted to employers.",
        "summary_cy": "",
        "next_steps_en": "Evaluate uptake.",
        "internal_note": "Budget confirmed.",
        "evidence_links": "https://socialcare.wales/example",
        "quarter": QUARTER,
        "revised_target_date": "",
        "date_change_reason_en": "",
        "status_reason_en": "",
    }
    data.update(overrides)
    return data


def _url(action) -> str:
    return f"/staff/actions/{action.plan.slug}/{action.number}/update/"


@pytest.fixture
def action_20(real_plan):
    return Action.objects.select_related("plan").get(plan=real_plan, number=20)


@pytest.fixture
def heiw_owner(action_20):
    heiw = ActionOwner.objects.get(action=action_20, organisation__slug="heiw").organisation
    return owner_of(heiw)


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor")


def test_owner_submits_editor_returns_owner_resubmits_editor_approves_public_sees(
    client, action_20, heiw_owner, editor
):
    client.force_login(heiw_owner)
    response = client.post(_url(action_20), _form(action_20, summary_en="First draft."))
    assert response.status_code == 302
    first = ProgressUpdate.objects.get(action=action_20)
    # Submitted, not yet public.
    assert "First draft." not in client.get(action_20.get_absolute_url()).content.decode()

    client.force_login(editor)
    assert "action 20" in client.get("/staff/updates/").content.decode()
    response = client.post(
        f"/staff/updates/{first.pk}/",
        {"decision": "return", "comment": "Add the number of employers reached."},
    )
    assert response.status_code == 302

    client.force_login(heiw_owner)
    page = client.get("/staff/").content.decode()
    assert "Add the number of employers reached." in page
    action_20.refresh_from_db()
    response = client.post(
        _url(action_20) + f"?resubmit={first.pk}",
        _form(action_20, summary_en="Reached 120 employers."),
    )
    assert response.status_code == 302
    second = ProgressUpdate.objects.get(resubmission_of=first)
    assert "Add the number of employers reached." not in client.get("/staff/").content.decode()

    client.force_login(editor)
    response = client.post(f"/staff/updates/{second.pk}/", {"decision": "approve", "comment": ""})
    assert response.status_code == 302

    client.logout()
    public = client.get(action_20.get_absolute_url()).content.decode()
    assert "Reached 120 employers." in public
    assert "First draft." not in public
    assert "Budget confirmed." not in public  # internal notes stay internal
    action_20.refresh_from_db()
    assert action_20.status == "on_track"
    data = client.get("/data/actions.json", {"status": "on_track"}).json()
    assert [a["number"] for a in data["actions"]] == [20]
    # Append-only: both updates are kept.
    assert ProgressUpdate.objects.filter(action=action_20).count() == 2


def test_editor_can_approve_their_own_update_in_one_step(client, action_20, editor):
    client.force_login(editor)
    response = client.post(_url(action_20), _form(action_20, status="complete", approve="on"))
    assert response.status_code == 302
    action_20.refresh_from_db()
    assert action_20.status == "complete"
    assert "Framework refreshed" in client.get(action_20.get_absolute_url()).content.decode()


def test_owner_cannot_approve_their_own_update_by_forging_the_field(client, action_20, heiw_owner):
    client.force_login(heiw_owner)
    client.post(_url(action_20), _form(action_20, approve="on"))
    action_20.refresh_from_db()
    assert action_20.status == "no_update"
    assert not ProgressUpdate.objects.filter(review__isnull=False).exists()


def test_downgrade_without_a_reason_is_refused_beside_the_field(client, action_20, editor):
    client.force_login(editor)
    client.post(_url(action_20), _form(action_20, approve="on"))
    action_20.refresh_from_db()
    response = client.post(_url(action_20), _form(action_20, status="significant_delays"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Say why the status is now worse than “On track”" in body
    assert 'id="id_status_reason_en_error"' in body
    assert ProgressUpdate.objects.count() == 1
    response = client.post(
        _url(action_20),
        _form(action_20, status="significant_delays", status_reason_en="Funding delayed."),
    )
    assert response.status_code == 302


def test_slipped_target_date_needs_a_reason_and_then_moves_the_date(client, action_20, editor):
    client.force_login(editor)
    later = (action_20.target_date + datetime.timedelta(days=90)).isoformat()
    response = client.post(_url(action_20), _form(action_20, revised_target_date=later))
    assert response.status_code == 400
    assert "Say why the target date moves from 31 December 2024" in response.content.decode()
    response = client.post(
        _url(action_20),
        _form(
            action_20,
            revised_target_date=later,
            date_change_reason_en="Waiting for HEIW's plan.",
            approve="on",
        ),
    )
    assert response.status_code == 302
    action_20.refresh_from_db()
    assert action_20.target_date.isoformat() == later


def test_closing_an_action_needs_a_reason(client, action_20, editor):
    client.force_login(editor)
    response = client.post(_url(action_20), _form(action_20, status="closed"))
    assert response.status_code == 400
    assert "Say why the action is closed" in response.content.decode()


def test_bad_evidence_link_and_unknown_quarter_are_named(client, action_20, editor):
    client.force_login(editor)
    response = client.post(
        _url(action_20), _form(action_20, evidence_links="not a link", quarter="2019-Q9")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "“not a link” is not a web address" in body
    assert 'id="id_quarter_error"' in body
    assert not ProgressUpdate.objects.exists()


def test_second_of_two_simultaneous_updates_is_refused_showing_the_first(
    client, action_20, heiw_owner, editor
):
    opened_at = action_20.version  # both people opened the form at this version
    client.force_login(editor)
    client.post(_url(action_20), _form(action_20, summary_en="Editor's words."))
    client.force_login(heiw_owner)
    response = client.post(
        _url(action_20), _form(action_20, base_version=opened_at, summary_en="Owner's words.")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this action while you were editing it." in body
    assert "Editor&#x27;s words." in body  # what the first person saved
    assert "Owner&#x27;s words." in body  # the second person's text is kept in the form
    assert ProgressUpdate.objects.count() == 1
    # The form now carries the new version, so saving again works.
    action_20.refresh_from_db()
    response = client.post(_url(action_20), _form(action_20, summary_en="Owner's words."))
    assert response.status_code == 302


def test_two_editors_deciding_the_same_update_second_is_told(client, action_20, heiw_owner):
    client.force_login(heiw_owner)
    client.post(_url(action_20), _form(action_20))
    update = ProgressUpdate.objects.get()
    first, second = UserFactory(role="Editor"), UserFactory(role="Editor")
    client.force_login(first)
    client.post(f"/staff/updates/{update.pk}/", {"decision": "approve", "comment": ""})
    client.force_login(second)
    response = client.post(
        f"/staff/updates/{update.pk}/", {"decision": "return", "comment": "Too late."}
    )
    assert response.status_code == 302
    assert "already been decided" in client.get(response["Location"]).content.decode()
    assert update.review.decision == "approve"


def test_returning_without_a_comment_is_refused(client, action_20, heiw_owner, editor):
    client.force_login(heiw_owner)
    client.post(_url(action_20), _form(action_20))
    update = ProgressUpdate.objects.get()
    client.force_login(editor)
    response = client.post(f"/staff/updates/{update.pk}/", {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "Tell the owner what to change" in response.content.decode()
    assert not hasattr(ProgressUpdate.objects.get(), "review")


def test_audit_records_who_submitted_and_approved(client, action_20, heiw_owner, editor):
    client.force_login(heiw_owner)
    client.post(_url(action_20), _form(action_20))
    update = ProgressUpdate.objects.get()
    client.force_login(editor)
    client.post(f"/staff/updates/{update.pk}/", {"decision": "approve", "comment": ""})
    assert update.history.get().history_user == heiw_owner
    assert update.review.history.get().history_user == editor
    assert Action.history.filter(id=action_20.pk).first().history_user == editor
    body = client.get("/staff/audit/").content.decode()
    assert heiw_owner.username in body and editor.username in body


def test_my_actions_lists_the_owners_actions_and_what_is_due(client, action_20, heiw_owner):
    client.force_login(heiw_owner)
    body = client.get("/staff/").content.decode()
    assert "Update action 20" in body
    assert "Update action 1<" not in body  # not HEIW's
    client.post(_url(action_20), _form(action_20))
    assert "Update action 20" not in client.get("/staff/").content.decode()


def test_public_action_page_query_count_is_fixed_with_more_updates(
    client, action_20, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    client.post(_url(action_20), _form(action_20, approve="on"))
    client.logout()
    with django_assert_max_num_queries(30) as few:
        client.get(action_20.get_absolute_url())
    # Read now: every later request clears the connection's query log.
    few_count = len(few.captured_queries)
    assert few_count > 0
    client.force_login(editor)
    for n in range(5):
        action_20.refresh_from_db()
        client.post(_url(action_20), _form(action_20, summary_en=f"Update {n}", approve="on"))
    client.logout()
    with django_assert_max_num_queries(few_count):
        assert "Update 4" in client.get(action_20.get_absolute_url()).content.decode()


def test_audit_page_runs_the_same_queries_however_much_history_there_is(
    client, real_plan, editor, django_assert_max_num_queries, django_assert_num_queries
):
    # Updates, reviews, actions and indicator values, all with history.
    call_command("seed_scale", "--factor", "1", stdout=io.StringIO())
    client.force_login(editor)
    # Per kind of record: its count, its newest rows and the rows they name (11 kinds).
    with django_assert_max_num_queries(45) as small:
        client.get("/staff/audit/")
    call_command("seed_scale", "--factor", "3", stdout=io.StringIO())
    with django_assert_num_queries(len(small.captured_queries)):
        body = client.get("/staff/audit/").content.decode()
    assert body.count("<tr>") == 101  # the header row and the latest 100 changes
    # Each line still names what changed, down to the indicator's code.
    assert re.search(r"Indicator value: \d\.\d 20\d\d", body)
