"""Quarterly reminders to owners whose actions have no update yet."""

import functools

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import Action, ReminderSent
from actions.quarters import quarter_of
from actions.staff_selectors import actions_due
from core import roles
from core.email_preferences import email_choices
from core.notices import Message, notice_deliver, site_link


def reminders_send(*, today=None) -> int:
    """Email the members of each owning organisation once per action and quarter.

    Returns how many actions were reminded about. Running it again in the same quarter sends
    nothing: a ReminderSent row is claimed (unique per action and quarter) before the emails
    go. Each member gets their own email, as they chose (core.notices): straight away, in the
    weekly summary, or none; in their language or both.
    """
    today = today or timezone.localdate()
    quarter = quarter_of(today)
    reminded = ReminderSent.objects.filter(quarter=quarter.code).values("action_id")
    actions = (
        actions_due(Action.objects.all(), today=today)
        .exclude(pk__in=reminded)
        .select_related("plan")
        .prefetch_related("owners")
    )
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.ACTION_OWNER)
        .exclude(email="")
        .select_related("membership")
    )
    by_organisation: dict[int, list] = {}
    for person in people:
        membership = getattr(person, "membership", None)
        if membership:
            by_organisation.setdefault(membership.organisation_id, []).append(person)
    choices = email_choices([p for group in by_organisation.values() for p in group])
    sent = 0
    for action in actions:
        recipients = sorted(
            {
                p.pk: p
                for owner in action.owners.all()
                for p in by_organisation.get(owner.organisation_id, [])
            }.values(),
            key=lambda p: p.email,
        )
        if not recipients:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    action=action,
                    quarter=quarter.code,
                    recipients=", ".join(p.email for p in recipients),
                )
                render = _renderer(action=action, quarter=quarter)
                # Each person as they chose: straight away, in their weekly summary, or not
                # at all; in their language, or Welsh and English. The claim above still makes
                # the reminder once per action and quarter.
                for person in recipients:
                    notice_deliver(
                        key=f"reminder:{action.pk}:{quarter.code}",
                        user=person,
                        render=render,
                        choice=choices[person.pk],
                    )
        except IntegrityError:
            continue  # another run claimed this reminder first
        sent += 1
    return sent


def _renderer(*, action, quarter):
    @functools.cache
    def render(language: str) -> Message:
        context = {
            "action": action,
            "quarter": quarter.label(),
            "link": site_link(
                "staff:update-create", language, plan=action.plan.slug, number=action.number
            ),
            "settings_link": site_link("email-settings", language),
        }
        return Message(
            subject=render_to_string("emails/update_reminder_subject.txt", context),
            text=render_to_string("emails/update_reminder.txt", context),
            html=render_to_string("emails/update_reminder_part.html", context),
        )

    return render
