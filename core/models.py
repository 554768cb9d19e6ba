# The history tables for accounts and roles are made here by core/history.py.
"""Each person's email choices, and the record of every notice the tracker sends them.

They live in core, the bottom floor, so every app that emails people (actions' reminders and
update emails, the group's decisions) reads the same choice and records its notices the same
way without importing one another.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Each email straight away")
    WEEKLY = "weekly", _("One summary a week, on Monday morning")
    NONE = "none", _("No emails")


class EmailLanguage(models.TextChoices):
    # Empty: no preference, so each email carries Welsh and English, Welsh first.
    BOTH = "", _("Welsh and English in each email, Welsh first")
    ENGLISH = "en", _("English only")
    WELSH = "cy", _("Welsh only")


class EmailPreference(models.Model):
    """How often and in which language a person wants the tracker's emails.

    No row means the default: each email straight away, in Welsh and English.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preference",
        verbose_name=_("person"),
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    language = models.CharField(
        _("language"), max_length=2, choices=EmailLanguage.choices, default="", blank=True
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")

    def __str__(self) -> str:
        return f"{self.user} {self.frequency} {self.language or 'cy+en'}"


class Delivery(models.TextChoices):
    SENT = "sent", _("sent straight away")
    DIGEST = "digest", _("kept for the weekly summary")
    SKIPPED = "skipped", _("not sent: the person chose no emails")


class Notice(models.Model):
    """One notice to one person about one event, claimed before it is sent.

    `key` names the event ("update:12:submitted", "decision:3:assigned"); it is unique with the
    recipient, so a task run twice tells each person once. The text is kept as it was written,
    in the person's language at the time, for the weekly summary.
    """

    key = models.CharField(_("event"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    text = models.TextField(_("plain text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("email notice")
        verbose_name_plural = _("email notices")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="notice_once_per_person")
        ]
        indexes = [models.Index(fields=["delivery", "sent_at"], name="notice_pending")]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient}"
