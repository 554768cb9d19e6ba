"""Emails about decisions to the members of the organisation that owns them.

Each email is claimed first (a DecisionNotice row, unique per decision, event and recipient),
so a task delivered twice sends it once. No one has chosen a language yet, so each email
carries Welsh and English, Welsh first, as the update reminders do; it has a plain-text and an
HTML part, and links to the decision's own page in each language.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import roles
from sig.models import Decision, DecisionNotice
from sig.selectors import decision_details


def organisation_members(organisation_id: int) -> list[str]:
    """The email addresses of the active action owners who act for the organisation."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__name=roles.ACTION_OWNER,
                membership__organisation_id=organisation_id,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _link(decision: Decision, language: str) -> str:
    with translation.override(language):
        path = reverse("staff:decision", kwargs={"pk": decision.pk})
    return settings.SITE_URL.rstrip("/") + path


def _render(decision: Decision, event: str) -> tuple[str, str, str]:
    subjects, texts, htmls = [], [], []
    for language in ("cy", "en"):
        with translation.override(language):
            context = {"decision": decision, "event": event, "link": _link(decision, language)}
            subjects.append(render_to_string("emails/decision_subject.txt", context).strip())
            texts.append(render_to_string("emails/decision.txt", context).strip())
            htmls.append(render_to_string("emails/decision_part.html", context))
    html = render_to_string("emails/decision.html", {"parts": htmls})
    return " / ".join(subjects), "\n\n----------\n\n".join(texts) + "\n", html


def decision_notify(*, decision_id: int, event: str) -> int:
    """Email each member of the decision's organisation once about this event; returns how
    many emails went out."""
    decision = decision_details().filter(pk=decision_id).first()
    if decision is None:
        return 0
    subject, text, html = _render(decision, event)
    sent = 0
    for recipient in organisation_members(decision.organisation_id):
        try:
            with transaction.atomic():
                DecisionNotice.objects.create(decision=decision, event=event, recipient=recipient)
                message = EmailMultiAlternatives(
                    subject=subject,
                    body=text,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[recipient],
                )
                message.attach_alternative(html, "text/html")
                message.send()
        except IntegrityError:
            continue  # already told about this event
        sent += 1
    return sent
