"""Telling one person about one event by email, as they chose: straight away, in the weekly
summary, or not at all; in Welsh, English or both (Welsh first).

Every app that emails people goes through `notice_deliver`. It claims a Notice row (unique per
event key and person) before anything is sent, so a task run twice tells each person once. The
app gives a `render(language)` that writes its message in one language; this module writes it
in the person's languages and sends it, or keeps it for `digest_send`, which the weekly beat
job runs.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from core.email_preferences import Choice, email_choice
from core.models import Delivery, Frequency, Notice

logger = logging.getLogger(__name__)

# What notice_deliver did.
SENT, QUEUED, SKIPPED, ALREADY = "sent", "queued", "skipped", "already"

# Between the languages of a bilingual plain-text email.
TEXT_SEPARATOR = "\n\n----------\n\n"


@dataclass(frozen=True)
class Message:
    """One message in one language: the subject, the plain text, and an HTML fragment."""

    subject: str
    text: str
    html: str


def site_link(viewname: str, language: str, **kwargs) -> str:
    """An absolute link to a page in the given language (SITE_URL and the page's path)."""
    with translation.override(language):
        path = reverse(viewname, kwargs=kwargs or None)
    return settings.SITE_URL.rstrip("/") + path


def _compose(render: Callable[[str], Message], languages: tuple[str, ...]) -> Message:
    parts = []
    for language in languages:
        with translation.override(language):
            parts.append(render(language))
    return Message(
        subject=" / ".join(part.subject.strip() for part in parts),
        text=TEXT_SEPARATOR.join(part.text.strip() for part in parts) + "\n",
        html="<hr>".join(
            f'<div lang="{language}">{part.html}</div>'
            for language, part in zip(languages, parts, strict=True)
        ),
    )


def _send(*, to: str, message: Message, language: str) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject, body=message.text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    email.attach_alternative(
        render_to_string("emails/notice.html", {"body": message.html, "language": language}),
        "text/html",
    )
    email.send()


def notice_deliver(
    *, key: str, user, render: Callable[[str], Message], choice: Choice | None = None
) -> str:
    """Tell the person about the event named by `key`, once, as they chose.

    Returns SENT, QUEUED (for the weekly summary), SKIPPED (they chose no emails, or have no
    address) or ALREADY (told before). A failure to send rolls the claim back, so the next run
    tries again.
    """
    if not user.is_active or not user.email:
        return SKIPPED
    if Notice.objects.filter(key=key, recipient=user).exists():
        return ALREADY
    choice = choice or email_choice(user)
    delivery = {
        Frequency.IMMEDIATE: Delivery.SENT,
        Frequency.WEEKLY: Delivery.DIGEST,
    }.get(choice.frequency, Delivery.SKIPPED)
    message = (
        _compose(render, choice.languages)
        if delivery != Delivery.SKIPPED
        else Message(subject="", text="", html="")
    )
    try:
        with transaction.atomic():
            Notice.objects.create(
                key=key,
                recipient=user,
                delivery=delivery,
                subject=message.subject[:500],
                text=message.text,
                html=message.html,
                sent_at=timezone.now() if delivery == Delivery.SENT else None,
            )
            if delivery == Delivery.SENT:
                _send(to=user.email, message=message, language=choice.languages[0])
    except IntegrityError:
        return ALREADY  # another run claimed it first
    return {Delivery.SENT: SENT, Delivery.DIGEST: QUEUED}.get(delivery, SKIPPED)


def _digest_message(notices: list[Notice], choice: Choice) -> Message:
    def render(language: str) -> Message:
        context = {"count": len(notices), "link": site_link("email-settings", language)}
        return Message(
            subject=render_to_string("emails/digest_subject.txt", context),
            text=render_to_string("emails/digest_intro.txt", context),
            html=render_to_string("emails/digest_intro.html", context),
        )

    intro = _compose(render, choice.languages)
    return Message(
        subject=intro.subject,
        text=intro.text
        + "".join(f"\n==========\n\n{notice.subject}\n\n{notice.text}" for notice in notices),
        html=intro.html
        + "".join(
            f'<hr><section><h2 style="font-size:1.1em">{escape(notice.subject)}</h2>'
            f"{notice.html}</section>"
            for notice in notices
        ),
    )


def digest_send(*, now=None) -> int:
    """Send each person who chose the weekly summary one email with every notice kept for it
    since the last one. Returns how many summaries went out; a second run sends none."""
    now = now or timezone.now()
    pending = Notice.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True)
    recipient_ids = sorted(set(pending.values_list("recipient_id", flat=True)))
    sent = 0
    for person in get_user_model().objects.filter(pk__in=recipient_ids):
        try:
            with transaction.atomic():
                notices = list(
                    pending.select_for_update()
                    .filter(recipient=person, created_at__lte=now)
                    .order_by("created_at", "pk")
                )
                claimed = Notice.objects.filter(
                    pk__in=[n.pk for n in notices], sent_at__isnull=True
                ).update(sent_at=now)
                if not notices:
                    continue
                if claimed != len(notices):
                    # Another run is sending this summary: leave every row as it found it.
                    transaction.set_rollback(True)
                    continue
                choice = email_choice(person)
                if choice.frequency == Frequency.NONE or not person.is_active or not person.email:
                    # They stopped all emails since these were kept: none go.
                    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
                        delivery=Delivery.SKIPPED, sent_at=None
                    )
                    continue
                _send(
                    to=person.email,
                    message=_digest_message(notices, choice),
                    language=choice.languages[0],
                )
        except Exception:  # noqa: BLE001 - one person's failure must not stop the others
            logger.exception("The weekly summary for user %s could not be sent", person.pk)
            continue
        sent += 1
    return sent
