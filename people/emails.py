"""The invitation email: Welsh first, then English, as the tracker's other emails are (the
person has chosen no language yet), with a plain-text and an HTML part. The link in it holds
the token; the database keeps only its hash."""

import hashlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core import roles
from people.models import Invitation


def invitation_link(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("people:invitation", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _render(invitation: Invitation, token: str) -> tuple[str, str, str]:
    subjects, texts, htmls = [], [], []
    inviter = invitation.invited_by
    for language in ("cy", "en"):
        with translation.override(language):
            context = {
                "invitation": invitation,
                "role": roles.ROLE_LABELS.get(invitation.role, invitation.role),
                "inviter": inviter.get_full_name() or inviter.get_username(),
                "link": invitation_link(token, language),
                "expires": timezone.localtime(invitation.expires_at),
            }
            subjects.append(render_to_string("people/emails/invitation_subject.txt").strip())
            texts.append(render_to_string("people/emails/invitation.txt", context).strip())
            htmls.append(render_to_string("people/emails/invitation_part.html", context))
    html = render_to_string("people/emails/invitation.html", {"parts": htmls})
    return " / ".join(subjects), "\n\n----------\n\n".join(texts) + "\n", html


def invitation_email_send(*, invitation_id: int, token: str) -> bool:
    """Email the invitation's link once for this token. Nothing goes if the invitation is no
    longer open, if it was re-sent since (the token is not its current one) or if this token's
    email already went. The claim and the send are one transaction: if sending fails, the
    claim is undone and a retry sends it."""
    hashed = hashlib.sha256(token.encode()).hexdigest()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organisation", "invited_by")
            .filter(pk=invitation_id, token_hash=hashed, accepted_at=None, withdrawn_at=None)
            .exclude(emailed_hash=hashed)
            .first()
        )
        if invitation is None:
            return False
        # An update, not a save: sending is not a change to the invitation's history.
        Invitation.objects.filter(pk=invitation.pk).update(emailed_hash=hashed)
        subject, text, html = _render(invitation, token)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
        )
        message.attach_alternative(html, "text/html")
        message.send()
    return True
