"""The strategic implementation group's meetings, their frozen packs and the decisions made.

A meeting's pack is frozen when the meeting opens (MeetingPack, one per language), so what the
group read stays downloadable unchanged however the plan moves on. A decision belongs to the
meeting it was made at and is owned by one organisation, whose members mark it done.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.limits import LONG_TEXT_LIMIT, bounded


class Meeting(models.Model):
    held_on = models.DateField(_("date of the meeting"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        verbose_name=_("chair"),
    )
    attendees = models.TextField(
        _("attendees"), blank=True, help_text=_("One name per line."), **bounded(LONG_TEXT_LIMIT)
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("One item per line."), **bounded(LONG_TEXT_LIMIT)
    )
    # Set once, by meeting_open: the pack is frozen from then on.
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opened_meetings",
        verbose_name=_("opened by"),
    )
    changes_since = models.DateField(_("changes shown since"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, **bounded(LONG_TEXT_LIMIT))
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("minutes approved by"),
    )
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    # Bumped by every change: a form opened at an older version is refused (services.py).
    version = models.PositiveIntegerField(_("version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_meetings",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return _("Meeting on {date}").format(date=formats.date_format(self.held_on, "j F Y"))

    def get_absolute_url(self) -> str:
        return reverse("staff:meeting", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_at is not None

    @property
    def minutes_published(self) -> bool:
        return self.minutes_published_at is not None

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    def attendee_names(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class PackStatus(models.TextChoices):
    BUILDING = "building", _("Building the PDF")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class MeetingPack(models.Model):
    """The pack as it stood when the meeting opened, in one language. Never changed after:
    the PDF is built from this HTML, not from the live dashboard."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="packs", verbose_name=_("meeting")
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    html = models.TextField(_("pack as frozen"))
    html_sha256 = models.CharField(_("HTML SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=PackStatus.choices, default=PackStatus.BUILDING
    )
    failure_reason = models.TextField(_("why it failed"), blank=True)
    pdf_file = models.CharField(_("PDF file"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"))

    class Meta:
        verbose_name = _("meeting pack")
        verbose_name_plural = _("meeting packs")
        ordering = ["meeting", "language"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "language"], name="one_pack_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.get_language_display()})"


class DecisionState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    wording = models.TextField(_("decision"), help_text=_("What the group decided."), **bounded())
    actions = models.ManyToManyField(
        "actions.Action", blank=True, related_name="sig_decisions", verbose_name=_("actions")
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="sig_decisions", verbose_name=_("themes")
    )
    indicators = models.ManyToManyField(
        "measures.Indicator", blank=True, related_name="sig_decisions", verbose_name=_("indicators")
    )
    organisation = models.ForeignKey(
        "actions.Organisation",
        on_delete=models.PROTECT,
        related_name="sig_decisions",
        verbose_name=_("owning organisation"),
    )
    due_on = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=10, choices=DecisionState.choices, default=DecisionState.OPEN
    )
    drop_reason = models.TextField(_("why it was dropped"), blank=True, **bounded())
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public decisions are published once the meeting's minutes are approved."),
    )
    closed_at = models.DateTimeField(_("done or dropped at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closed_decisions",
        verbose_name=_("done or dropped by"),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="recorded_decisions",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="dropped") | ~models.Q(drop_reason=""),
                name="dropped_decision_has_reason",
                violation_error_message=_("Say why the decision is dropped."),
            )
        ]

    def __str__(self) -> str:
        return _("Decision {number}").format(number=self.pk)

    def get_absolute_url(self) -> str:
        return reverse("staff:decision", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state == DecisionState.OPEN

    @property
    def is_overdue(self) -> bool:
        """Open past its due date: the same rule as selectors.decisions_overdue."""
        return self.is_open and self.due_on < timezone.localdate()


class NoticeEvent(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    OVERDUE = "overdue", _("Overdue")


class DecisionNotice(models.Model):
    """One email about one decision to one person: claimed before sending, so a task that runs
    twice sends it once."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="notices", verbose_name=_("decision")
    )
    event = models.CharField(_("event"), max_length=10, choices=NoticeEvent.choices)
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision email")
        verbose_name_plural = _("decision emails")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "event", "recipient"], name="one_notice_per_event_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} – {self.get_event_display()} – {self.recipient}"


SCALE = [(n, str(n)) for n in range(1, 6)]


class Risk(models.Model):
    """One risk the group watches. Its score is likelihood × impact; every change is kept in
    its history (django-simple-history), which is the history of its score."""

    description = models.TextField(_("risk"), **bounded())
    actions = models.ManyToManyField(
        "actions.Action", blank=True, related_name="sig_risks", verbose_name=_("actions")
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="sig_risks", verbose_name=_("themes")
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=SCALE)
    owner = models.ForeignKey(
        "actions.Organisation",
        on_delete=models.PROTECT,
        related_name="sig_risks",
        verbose_name=_("owner"),
    )
    mitigations = models.TextField(_("mitigations"), blank=True, **bounded())
    review_on = models.DateField(_("review date"))
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["review_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__range=(1, 5), impact__range=(1, 5)),
                name="risk_scale_1_to_5",
                violation_error_message=_("Likelihood and impact are each 1 to 5."),
            )
        ]

    def __str__(self) -> str:
        return _("Risk {number}").format(number=self.pk)

    def get_absolute_url(self) -> str:
        return reverse("staff:risk", kwargs={"pk": self.pk})

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def review_due(self) -> bool:
        return self.review_on < timezone.localdate()
