"""Emails about decisions to the members of the organisation that owns them.

Each email is claimed first (a DecisionNotice row, unique per decision, event and recipient),
so a task delivered twice sends it once. Each person is then told as they chose
(core.notices): straight away, in their weekly summary, or not at all; in their language, or
in Welsh and English, Welsh first, when they have not chosen. The email has a plain-text and an
HTML part, and links to the decision's own page in each language it is written in.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from core import roles
from core.email_preferences import email_choices
from core.notices import ALREADY, SENT, Message, notice_deliver, site_link
from sig.models import Decision, DecisionNotice
from sig.selectors import decision_details


def organisation_members(organisation_id: int) -> list:
    """The active action owners with an address who act for the organisation."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=roles.ACTION_OWNER,
            membership__organisation_id=organisation_id,
        )
        .exclude(email="")
        .distinct()
        .order_by("email", "pk")
    )


def _renderer(decision: Decision, event: str):
    @functools.cache
    def render(language: str) -> Message:
        context = {
            "decision": decision,
            "event": event,
            "link": site_link("staff:decision", language, pk=decision.pk),
            "settings_link": site_link("email-settings", language),
        }
        return Message(
            subject=render_to_string("emails/decision_subject.txt", context),
            text=render_to_string("emails/decision.txt", context),
            html=render_to_string("emails/decision_part.html", context),
        )

    return render


def decision_notify(*, decision_id: int, event: str) -> int:
    """Tell each member of the decision's organisation once about this event; returns how
    many emails went out straight away."""
    decision = decision_details().filter(pk=decision_id).first()
    if decision is None:
        return 0
    render = _renderer(decision, event)
    people = organisation_members(decision.organisation_id)
    choices = email_choices(people)
    sent = 0
    for person in people:
        try:
            with transaction.atomic():
                DecisionNotice.objects.create(
                    decision=decision, event=event, recipient=person.email
                )
                outcome = notice_deliver(
                    key=f"decision:{decision.pk}:{event}",
                    user=person,
                    render=render,
                    choice=choices[person.pk],
                )
                if outcome == ALREADY:
                    continue
        except IntegrityError:
            continue  # already told about this event
        sent += outcome == SENT
    return sent
