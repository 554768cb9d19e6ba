"""Quarterly reminders to owners whose actions have no update yet."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from actions.models import Action, ReminderSent
from actions.quarters import quarter_of
from actions.staff_selectors import actions_due
from core import roles


def reminders_send(*, today=None) -> int:
    """Email the members of each owning organisation once per action and quarter.

    Returns how many reminders went out. Running it again in the same quarter sends nothing:
    a ReminderSent row is claimed (unique per action and quarter) before the email goes.
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
    sent = 0
    for action in actions:
        recipients = sorted(
            {
                p.email
                for owner in action.owners.all()
                for p in by_organisation.get(owner.organisation_id, [])
            }
        )
        if not recipients:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    action=action, quarter=quarter.code, recipients=", ".join(recipients)
                )
                _send(action=action, quarter=quarter, recipients=recipients)
        except IntegrityError:
            continue  # another run claimed this reminder first
        sent += 1
    return sent


def _send(*, action, quarter, recipients: list[str]) -> None:
    # Owners read both languages; the email carries Welsh and English, Welsh first.
    bodies = []
    for language in ("cy", "en"):
        with translation.override(language):
            bodies.append(
                render_to_string(
                    "emails/update_reminder.txt",
                    {
                        "action": action,
                        "quarter": quarter.label(),
                        "link": settings.SITE_URL.rstrip("/")
                        + (f"/{language}" if language != "en" else "")
                        + f"/staff/actions/{action.plan.slug}/{action.number}/update/",
                    },
                )
            )
    with translation.override("cy"):
        subject_cy = render_to_string("emails/update_reminder_subject.txt", {"action": action})
    with translation.override("en"):
        subject_en = render_to_string("emails/update_reminder_subject.txt", {"action": action})
    send_mail(
        subject=f"{subject_cy.strip()} / {subject_en.strip()}",
        message="\n\n----------\n\n".join(bodies),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
