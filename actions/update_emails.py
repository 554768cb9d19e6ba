"""Emails about progress updates: to Editors when one is submitted, to its submitter when it is
approved or returned.

The services queue `actions.tasks.update_notify_task` once their transaction commits. Each
person is told once per update and event (core.notices claims a Notice keyed
"update:<id>:<event>"), in the language and at the frequency they chose.
"""

import functools

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from actions.models import ProgressUpdate, ReviewDecision
from core import roles
from core.email_preferences import email_choices
from core.notices import SENT, Message, notice_deliver, site_link

SUBMITTED, APPROVED, RETURNED = "submitted", "approved", "returned"
EVENTS = (SUBMITTED, APPROVED, RETURNED)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def editors_to_tell(update: ProgressUpdate) -> list:
    """The active Editors with an address, apart from the person who submitted the update."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.EDITOR)
        .exclude(email="")
        .exclude(pk=update.submitted_by_id)
        .distinct()
        .order_by("pk")
    )


def _recipients(update: ProgressUpdate, event: str) -> list:
    if event == SUBMITTED:
        if getattr(update, "review", None) is not None:
            return []  # already decided (an Editor's own update, approved as it was saved)
        return editors_to_tell(update)
    review = getattr(update, "review", None)
    expected = ReviewDecision.APPROVE if event == APPROVED else ReviewDecision.RETURN
    if review is None or review.decision != expected:
        return []
    if review.reviewed_by_id == update.submitted_by_id:
        return []  # an Editor approving their own update needs no email about it
    return [update.submitted_by] if update.submitted_by else []


def _link(update: ProgressUpdate, event: str, language: str) -> str:
    action = update.action
    if event == SUBMITTED:
        return site_link("staff:update-detail", language, pk=update.pk)
    if event == APPROVED:
        return site_link("actions:detail", language, plan=action.plan.slug, number=action.number)
    return (
        site_link("staff:update-create", language, plan=action.plan.slug, number=action.number)
        + f"?resubmit={update.pk}"
    )


def _renderer(update: ProgressUpdate, event: str):
    @functools.cache
    def render(language: str) -> Message:
        review = getattr(update, "review", None)
        context = {
            "update": update,
            "event": event,
            "submitter": _name(update.submitted_by),
            "reviewer": _name(review.reviewed_by) if review else "",
            "link": _link(update, event, language),
            "settings_link": site_link("email-settings", language),
        }
        return Message(
            subject=render_to_string("emails/update_event_subject.txt", context),
            text=render_to_string("emails/update_event.txt", context),
            html=render_to_string("emails/update_event_part.html", context),
        )

    return render


def update_notify(*, update_id: int, event: str) -> int:
    """Tell each person concerned about this event once; returns how many emails went out
    straight away (those kept for a weekly summary are not counted)."""
    if event not in EVENTS:
        return 0
    update = (
        ProgressUpdate.objects.select_related("action__plan", "submitted_by", "review__reviewed_by")
        .filter(pk=update_id)
        .first()
    )
    if update is None:
        return 0
    people = _recipients(update, event)
    choices = email_choices(people)
    render = _renderer(update, event)
    sent = 0
    for person in people:
        outcome = notice_deliver(
            key=f"update:{update.pk}:{event}",
            user=person,
            render=render,
            choice=choices[person.pk],
        )
        sent += outcome == SENT
    return sent
