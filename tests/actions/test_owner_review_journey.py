"""The action owner's and the reviewer's journey, through the real views.

An owner submits, sees the update waiting, gets it back with the comment and resubmits; an
Editor reviews it seeing the status and target date before and after.
"""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, Organisation, ProgressUpdate
from actions.quarters import quarter_of
from actions.reminders import reminders_send
from actions.services import update_approve, update_return, update_submit
from actions.staff_selectors import actions_due, actions_user_may_update
from actions.status import ActionStatus
from core import roles
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
QUARTER = quarter_of(TODAY).code


def _form(action, **overrides) -> dict:
    data = {
        "base_version": action.version,
        "status": "on_track",
        "status_reason_en": "",
        "status_reason_cy": "",
        "summary_en": "Joint workforce plan drafted with HEIW.",
        "summary_cy": "",
        "next_steps_en": "",
        "next_steps_cy": "",
        "internal_note": "",
        "evidence_links": "",
        "quarter": QUARTER,
        "revised_target_date": "",
        "date_change_reason_en": "",
        "date_change_reason_cy": "",
    }
    data.update(overrides)
    return data


def _url(action) -> str:
    return f"/staff/actions/{action.plan.slug}/{action.number}/update/"


def _row(body: str, number: int) -> str:
    """The "All your actions" table row of one action."""
    match = re.search(rf"<tr><td>{number}</td>.*?</tr>", body, re.S)
    assert match, f"no row for action {number}"
    return match.group(0)


@pytest.fixture
def action_20(real_plan):
    return Action.objects.select_related("plan").get(plan=real_plan, number=20)


@pytest.fixture
def heiw_owner(action_20):
    return owner_of(Organisation.objects.get(slug="heiw"))


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor", first_name="Eira", last_name="Editor")


def test_owner_and_editor_journey_submit_return_resubmit_approve(
    client, action_20, heiw_owner, editor
):
    # The owner starts with one action due, and the form says where the update goes.
    client.force_login(heiw_owner)
    page = client.get("/staff/").content.decode()
    assert "Due this quarter (1)" in page
    assert "Submit for review" in client.get(_url(action_20)).content.decode()

    response = client.post(_url(action_20), _form(action_20, summary_en="First draft."))
    assert response.status_code == 302
    first = ProgressUpdate.objects.get()

    # Submitted: shown as waiting, no longer due, and not offered for another update.
    page = client.get("/staff/").content.decode()
    row = _row(page, 20)
    assert "Submitted, awaiting review" in row
    assert f"/staff/updates/{first.pk}/" in row
    assert "Waiting for review (1)" in page
    assert "Due this quarter (0)" in page
    assert "Update action 20" not in page

    # The Editor sees the organisation and the before and after.
    client.force_login(editor)
    queue = client.get("/staff/updates/").content.decode()
    assert "Health Education and Improvement Wales" in queue
    review = client.get(f"/staff/updates/{first.pk}/").content.decode()
    assert "Health Education and Improvement Wales" in review
    before_after = review[review.index("What this update changes") :]
    assert re.search(r"Status</th><td>.*?No update yet.*?</td><td>.*?On track", before_after)
    assert re.search(r"Target date</th><td>31 December 2024</td><td>31 December 2024", before_after)
    response = client.post(
        f"/staff/updates/{first.pk}/",
        {"decision": "return", "comment": "Say which plans are joint."},
    )
    assert response.status_code == 302

    # Returned: the owner sees it in the row with the comment, and the action is due again.
    client.force_login(heiw_owner)
    page = client.get("/staff/").content.decode()
    row = _row(page, 20)
    assert "Returned" in row and "Say which plans are joint." in row
    assert f"?resubmit={first.pk}" in row
    assert "Due this quarter (1)" in page
    form_page = client.get(_url(action_20) + f"?resubmit={first.pk}").content.decode()
    assert "Say which plans are joint." in form_page

    action_20.refresh_from_db()
    response = client.post(
        _url(action_20) + f"?resubmit={first.pk}",
        _form(
            action_20,
            summary_en="Nursing and mental health plans are joint.",
            revised_target_date="2025-06-30",
            date_change_reason_en="HEIW's plan is due in spring.",
        ),
    )
    assert response.status_code == 302
    second = ProgressUpdate.objects.get(resubmission_of=first)
    assert "Submitted, awaiting review" in _row(client.get("/staff/").content.decode(), 20)

    # The Editor sees the earlier comment and what changed since.
    client.force_login(editor)
    queue = client.get("/staff/updates/").content.decode()
    assert "resubmitted after being returned" in queue
    review = client.get(f"/staff/updates/{second.pk}/").content.decode()
    assert "Say which plans are joint." in review
    changed = review[review.index("What changed since it was returned") :]
    changed = changed[: changed.index("</table>")]
    assert "First draft." in changed
    assert "Nursing and mental health plans are joint." in changed
    assert "30 June 2025" in changed
    assert "Next steps" not in changed  # unchanged fields are not listed
    before_after = review[review.index("What this update changes") :]
    assert re.search(r"Target date</th><td>31 December 2024</td><td>30 June 2025", before_after)
    client.post(f"/staff/updates/{second.pk}/", {"decision": "approve", "comment": ""})

    client.force_login(heiw_owner)
    page = client.get("/staff/").content.decode()
    assert "Nothing waiting" in _row(page, 20)
    assert "Waiting for review (0)" in page
    # The approved update's page still shows the before and after of that moment.
    client.force_login(editor)
    review = client.get(f"/staff/updates/{second.pk}/").content.decode()
    assert "After this update" in review
    assert re.search(r"Status</th><td>.*?No update yet.*?</td><td>.*?On track", review)


def test_update_for_an_older_quarter_shows_it_changes_nothing(action_20, editor, client):
    update_submit(
        action=action_20,
        user=editor,
        data={"status": "on_track", "summary_en": "Current.", "quarter": QUARTER},
        base_version=action_20.version,
        approve=True,
    )
    action_20.refresh_from_db()
    older = quarter_of(TODAY - datetime.timedelta(days=100)).code
    late = update_submit(
        action=action_20,
        user=editor,
        data={
            "status": "significant_delays",
            "status_reason": "Then.",
            "summary_en": "Old.",
            "quarter": older,
        },
        base_version=action_20.version,
    )
    client.force_login(editor)
    review = client.get(f"/staff/updates/{late.pk}/").content.decode()
    before_after = review[review.index("What this update changes") :]
    assert re.search(r"Status</th><td>.*?On track.*?</td><td>.*?On track.*?no change", before_after)


def test_editor_keeps_a_label_for_approving_in_one_step(client, action_20, editor):
    client.force_login(editor)
    page = client.get(_url(action_20)).content.decode()
    assert "Save update" in page and "Submit for review" not in page


# "Due this quarter": one rule for the page and the reminders --------------------------------


def _submit(action, user, **data):
    action.refresh_from_db()
    return update_submit(
        action=action,
        user=user,
        data={"status": "on_track", "summary_en": "Done.", "quarter": QUARTER, **data},
        base_version=action.version,
    )


def test_due_rule_counts_approved_and_waiting_updates_not_returned_ones(action_20, editor):
    due = Action.objects.filter(pk=action_20.pk)
    assert list(actions_due(due)) == [action_20]
    update = _submit(action_20, editor)
    assert not actions_due(due).exists()  # waiting for review
    update_return(update=update, user=editor, comment="Add detail.")
    assert list(actions_due(due)) == [action_20]  # returned: still owed
    update = _submit(action_20, editor)
    update_approve(update=update, user=editor)
    assert not actions_due(due).exists()


def test_due_rule_ignores_other_quarters_and_finished_actions(action_20, editor):
    due = Action.objects.filter(pk=action_20.pk)
    older = quarter_of(TODAY - datetime.timedelta(days=100)).code
    update_approve(update=_submit(action_20, editor, quarter=older), user=editor)
    assert list(actions_due(due)) == [action_20]
    update_approve(update=_submit(action_20, editor, quarter=older, status="complete"), user=editor)
    action_20.refresh_from_db()
    assert action_20.status == ActionStatus.COMPLETE
    assert not actions_due(due).exists()


def test_reminder_goes_for_an_action_whose_only_update_was_returned(action_20, editor):
    heiw_owner = owner_of(Organisation.objects.get(slug="heiw"))
    update = _submit(action_20, heiw_owner)
    update_return(update=update, user=editor, comment="Add detail.")
    reminders_send()
    assert [m.to for m in mail.outbox] == [[heiw_owner.email]]
    assert "Action 20" in mail.outbox[0].subject


def test_reminders_and_the_page_agree_on_what_is_due(client, real_plan, editor):
    owner = owner_of(Organisation.objects.get(slug="welsh-government"))
    # Welsh Government owns actions 6 and 9 in the plan's words.
    action_6, action_9 = Action.objects.filter(number__in=[6, 9]).order_by("number")
    _submit(action_6, owner)
    client.force_login(owner)
    page = client.get("/staff/").content.decode()
    assert "Due this quarter (1)" in page
    assert "Update action 9<" in page
    call_command("send_reminders")
    assert len(mail.outbox) == 1 and "Action 9" in mail.outbox[0].subject


# Links a person may follow ----------------------------------------------------------------


def _staff_links(body: str) -> set[str]:
    return {href for href in re.findall(r'href="([^"#]+)"', body) if href.startswith("/staff/")}


@pytest.mark.parametrize("role", ["SIG member", "Action owner", "Editor"])
def test_every_link_on_your_actions_can_be_followed(client, real_plan, role, action_20):
    if role == "Action owner":
        person = owner_of(Organisation.objects.get(slug="heiw"))
        update = _submit(action_20, person)
        update_return(update=update, user=UserFactory(role="Editor"), comment="More.")
    else:
        person = UserFactory(role=role)
    client.force_login(person)
    body = client.get("/staff/").content.decode()
    links = _staff_links(body)
    for href in links:
        assert client.get(href.replace("&amp;", "&")).status_code == 200, (role, href)
    update_links = {href for href in links if href.endswith("/update/") or "resubmit" in href}
    if role == "SIG member":
        assert update_links == set()
        assert "Due this quarter" not in body


@pytest.mark.parametrize("role", ["SIG member", "Action owner", "Editor", None])
def test_who_may_update_matches_the_permission_rule_for_every_action(real_plan, role):
    if role == "Action owner":
        person = owner_of(Organisation.objects.get(slug="social-care-fair-work-forum"))
    elif role is None:
        person = owner_of(Organisation.objects.get(slug="wlga"))
        person.groups.clear()  # an account left without a role
        person = type(person).objects.get(pk=person.pk)
    else:
        person = UserFactory(role=role)
    allowed = set(actions_user_may_update(person).values_list("pk", flat=True))
    expected = {a.pk for a in Action.objects.all() if roles.can_submit_update(person, a)}
    assert allowed == expected
