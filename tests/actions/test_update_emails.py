"""Emails about progress updates (to Editors when one is submitted, to the submitter when it is
approved or returned) and the quarterly reminders, each as the person chose."""

import pytest
from django.core import mail
from django.utils import timezone

from actions.models import Action, Organisation
from actions.quarters import quarter_of
from actions.reminders import reminders_send
from actions.services import update_approve, update_return, update_submit
from actions.update_emails import update_notify
from core.email_preferences import email_preference_set
from core.models import Delivery, Notice
from core.notices import digest_send
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

QUARTER = quarter_of(timezone.localdate()).code


@pytest.fixture
def people(real_plan):
    return {
        "owner": owner_of(Organisation.objects.get(slug="heiw"), username="heiw-writer"),
        "editor": UserFactory(username="reviewer-one", role="Editor", first_name="Rhian"),
        "editor_two": UserFactory(username="reviewer-two", role="Editor"),
        "sig": UserFactory(username="sig-reader", role="SIG member"),
        "administrator": UserFactory(username="admin-person", role="Administrator"),
    }


def _choose(user, frequency="immediate", language=""):
    email_preference_set(user=user, actor=user, frequency=frequency, language=language)


def _submit(user, *, approve=False, capture):
    action = Action.objects.get(plan__slug="2024-2027", number=20)
    with capture(execute=True):
        return update_submit(
            action=action,
            user=user,
            data={"status": "on_track", "summary_en": "Drafted the plan.", "quarter": QUARTER},
            base_version=action.version,
            approve=approve,
        )


def test_a_submitted_update_emails_each_editor_once_after_commit(
    people, django_capture_on_commit_callbacks
):
    action = Action.objects.get(plan__slug="2024-2027", number=20)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        update = update_submit(
            action=action,
            user=people["owner"],
            data={"status": "on_track", "summary_en": "Drafted.", "quarter": QUARTER},
            base_version=action.version,
        )
        assert mail.outbox == []  # nothing before the update is committed
    for callback in callbacks:
        callback()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([people["editor"].email, people["editor_two"].email])
    message = mail.outbox[0]
    assert "Action 20" in message.subject and "waiting for your review" in message.subject
    # The review page, in Welsh and in English, with plain-text and HTML parts.
    assert f"/cy/staff/updates/{update.pk}/" in message.body
    assert f"http://127.0.0.1:8000/staff/updates/{update.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f"/staff/updates/{update.pk}/" in html
    assert "heiw-writer" in message.body
    # The task delivered again: no one is emailed twice.
    assert update_notify(update_id=update.pk, event="submitted") == 0
    assert len(mail.outbox) == 2
    assert Notice.objects.filter(key=f"update:{update.pk}:submitted").count() == 2


def test_approval_emails_the_submitter_once_with_the_action_page(
    people, django_capture_on_commit_callbacks
):
    update = _submit(people["owner"], capture=django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_approve(update=update, user=people["editor"])
    assert [m.to for m in mail.outbox] == [[people["owner"].email]]
    message = mail.outbox[0]
    assert "is approved" in message.subject
    assert "Rhian approved your progress update on action 20" in message.body
    assert "/cy/actions/2024-2027/20/" in message.body
    assert "http://127.0.0.1:8000/actions/2024-2027/20/" in message.body
    assert update_notify(update_id=update.pk, event="approved") == 0
    # A wrong event for this update (it was approved, not returned) sends nothing.
    assert update_notify(update_id=update.pk, event="returned") == 0
    assert len(mail.outbox) == 1


def test_a_returned_update_emails_the_submitter_with_the_comment_and_the_resubmit_link(
    people, django_capture_on_commit_callbacks
):
    update = _submit(people["owner"], capture=django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_return(update=update, user=people["editor"], comment="Add the dates, please.")
    assert [m.to for m in mail.outbox] == [[people["owner"].email]]
    message = mail.outbox[0]
    assert "returned to you" in message.subject
    assert "Add the dates, please." in message.body
    assert f"/staff/actions/2024-2027/20/update/?resubmit={update.pk}" in message.body
    assert "Add the dates, please." in message.alternatives[0][0]


def test_an_editors_own_update_approved_as_saved_emails_no_one(
    people, django_capture_on_commit_callbacks
):
    _submit(people["editor"], approve=True, capture=django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_an_editors_update_for_review_goes_to_the_other_editors_only(
    people, django_capture_on_commit_callbacks
):
    _submit(people["editor"], capture=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[people["editor_two"].email]]


def test_editors_emails_follow_their_choices(people, django_capture_on_commit_callbacks):
    _choose(people["editor"], "immediate", "en")
    _choose(people["editor_two"], "weekly", "")
    update = _submit(people["owner"], capture=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    message = mail.outbox[0]
    # English only: one language, one subject, no Welsh link.
    assert " / " not in message.subject
    assert "/cy/" not in message.body
    assert '<html lang="en">' in message.alternatives[0][0]
    kept = Notice.objects.get(recipient=people["editor_two"])
    assert kept.delivery == Delivery.DIGEST and kept.sent_at is None
    # Monday's summary brings it, in both languages.
    assert digest_send() == 1
    summary = mail.outbox[-1]
    assert summary.to == [people["editor_two"].email]
    assert f"/cy/staff/updates/{update.pk}/" in summary.body
    assert f"/staff/updates/{update.pk}/" in summary.body


def test_a_submitter_who_chose_no_emails_gets_none(people, django_capture_on_commit_callbacks):
    _choose(people["owner"], "none", "")
    update = _submit(people["owner"], capture=django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_approve(update=update, user=people["editor"])
    assert mail.outbox == []
    assert Notice.objects.get(recipient=people["owner"]).delivery == Delivery.SKIPPED


# Reminders follow the same choice -----------------------------------------------------------


def _ciw_owner(**kwargs):
    # Care Inspectorate Wales owns action 35 only.
    return owner_of(Organisation.objects.get(slug="care-inspectorate-wales"), **kwargs)


def test_a_reminder_in_one_language(real_plan):
    owner = _ciw_owner()
    _choose(owner, "immediate", "en")
    assert reminders_send() == 1
    message = mail.outbox[0]
    assert message.to == [owner.email] and "Action 35" in message.subject
    assert " / " not in message.subject
    assert "/cy/staff/" not in message.body
    assert "/staff/actions/2024-2027/35/update/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "/staff/actions/2024-2027/35/update/" in html


def test_each_member_gets_their_own_reminder_as_they_chose(real_plan):
    immediate, weekly, silent = _ciw_owner(), _ciw_owner(), _ciw_owner()
    _choose(weekly, "weekly")
    _choose(silent, "none")
    assert reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[immediate.email]]
    assert reminders_send() == 0  # once per action and quarter, as before
    assert digest_send() == 1
    assert mail.outbox[-1].to == [weekly.email]
    assert "Action 35" in mail.outbox[-1].body
    assert len(mail.outbox) == 2  # the person who chose none got nothing
