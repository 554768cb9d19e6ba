import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from actions.plan_models import (  # noqa: F401 - Django and callers find them here
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
    WelshTranslationStatus,
    check_theme_in_plan_strategy,
)
from actions.quarters import QUARTER_FORMAT_HELP, parse_quarter
from actions.status import ActionStatus, status_needs_reason


class Action(models.Model):
    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.PROTECT, related_name="actions", verbose_name=_("plan")
    )
    theme = models.ForeignKey(
        "themes.Theme", on_delete=models.PROTECT, related_name="actions", verbose_name=_("theme")
    )
    period = models.ForeignKey(
        DeliveryPeriod,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("delivery period"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), help_text=_("The action exactly as the plan words it."))
    # Denormalised from the latest approved progress update, so lists stay one query.
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NO_UPDATE
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    # Bumped by every submitted, approved or returned update: a form opened at an older
    # version was prepared against out-of-date information and is refused.
    version = models.PositiveIntegerField(_("version"), default=0)
    organisations = models.ManyToManyField(
        Organisation, through="ActionOwner", related_name="actions", verbose_name=_("owners")
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="action_number_positive",
                violation_error_message=_("An action number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return _("Action {number}").format(number=self.number)

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"plan": self.plan.slug, "number": self.number})

    def plan_names_an_owner(self) -> bool:
        """Whether the plan's text names any owner, for the action or one of its sub-points.

        Reads the prefetched owners, so a list of actions costs no query per action.
        """
        return any(owner.named_in_text for owner in self.owners.all())

    def clean(self) -> None:
        if self.period_id and self.plan_id and self.period.plan_id != self.plan_id:
            raise ValidationError(
                {"period": _("The delivery period must belong to the action's plan.")}
            )
        check_theme_in_plan_strategy(
            self, _("The theme must belong to the strategy of the action's plan.")
        )


class ActionSubPoint(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="sub_points", verbose_name=_("action")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("sub-point")
        verbose_name_plural = _("sub-points")
        ordering = ["action", "position"]
        constraints = [
            models.UniqueConstraint(fields=["action", "position"], name="sub_point_position_unique")
        ]

    def __str__(self) -> str:
        return self.text


class OwnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")


class ActionOwner(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="owners", verbose_name=_("action")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="ownerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=OwnerRole.choices)
    named_in_text = models.BooleanField(
        _("named in the action's text"),
        default=False,
        help_text=_("Unticked where the plan does not name this organisation for the action."),
    )
    # Some actions name their owners only in one sub-point ("WLGA led consideration of…").
    sub_point = models.ForeignKey(
        ActionSubPoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="owners",
        verbose_name=_("sub-point"),
        help_text=_("Set where the plan names this owner for one sub-point only."),
    )

    class Meta:
        verbose_name = _("action owner")
        verbose_name_plural = _("action owners")
        ordering = ["action", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation"], name="owner_unique_per_action"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.sub_point_id and self.action_id and self.sub_point.action_id != self.action_id:
            raise ValidationError({"sub_point": _("The sub-point must belong to the same action.")})


class MeasurementLine(models.Model):
    """One line of a theme's "How we'll measure progress against the actions"."""

    plan = models.ForeignKey(
        DeliveryPlan,
        on_delete=models.CASCADE,
        related_name="measurement_lines",
        verbose_name=_("plan"),
    )
    theme = models.ForeignKey(
        "themes.Theme",
        on_delete=models.PROTECT,
        related_name="measurement_lines",
        verbose_name=_("theme"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("measurement line")
        verbose_name_plural = _("measurement lines")
        ordering = ["plan", "theme", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "theme", "position"], name="measurement_line_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class OrganisationMembership(models.Model):
    """Links a person to the organisation they act for as an action owner."""

    user = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="membership", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


UPDATE_STATUSES = [c for c in ActionStatus.choices if c[0] != ActionStatus.NO_UPDATE]


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# The order an action's approved updates count in: by the quarter they cover, then as they
# came. derived_state reads them oldest first in this order, so the latest quarter's update
# decides even when an update for an older quarter is approved after it.
APPROVED_ORDER = ("quarter", "submitted_at", "pk")


def approved_order_key(update: "ProgressUpdate") -> tuple:
    """APPROVED_ORDER for updates already in memory (``sorted(updates, key=...)``)."""
    return (update.quarter, update.submitted_at, update.pk)


class ProgressUpdateQuerySet(models.QuerySet):
    def approved(self) -> "ProgressUpdateQuerySet":
        return self.filter(review__decision=ReviewDecision.APPROVE)

    def approved_in_order(self) -> "ProgressUpdateQuerySet":
        """The approved updates in the order derived_state needs them."""
        return self.approved().order_by(*APPROVED_ORDER)


class ProgressUpdate(models.Model):
    """One report of where an action stands. Never changed once saved: history is append-only.

    Its review state comes from its ProgressReview, if any.
    """

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="updates", verbose_name=_("action")
    )
    status = models.CharField(_("status"), max_length=20, choices=UPDATE_STATUSES)
    status_reason = models.TextField(
        _("reason for the status"),
        blank=True,
        help_text=_(
            "Needed when the status gets worse, when a first update reports delays, or when "
            "the action is closed or superseded."
        ),
    )
    summary = models.TextField(
        _("summary of progress"), help_text=_("Published on the action's page once approved.")
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("Seen by staff and the strategic implementation group only."),
    )
    next_steps = models.TextField(_("next steps"), blank=True)
    evidence_links = models.TextField(
        _("evidence links"), blank=True, help_text=_("One web address per line.")
    )
    quarter = models.CharField(
        _("reporting period"), max_length=7, help_text=_("The quarter this update covers.")
    )
    revised_target_date = models.DateField(_("revised target date"), null=True, blank=True)
    date_change_reason = models.TextField(
        _("reason for the new date"),
        blank=True,
        help_text=_("Needed when the target date moves later."),
    )
    resubmission_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resubmission",
        verbose_name=_("resubmission of"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="progress_updates",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["action", "submitted_at"])]

    def __str__(self) -> str:
        return _("Update on action {number}, {quarter}").format(
            number=self.action.number, quarter=self.quarter
        )

    def get_absolute_url(self) -> str:
        return reverse("staff:update-detail", kwargs={"pk": self.pk})

    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            parse_quarter(self.quarter)
        except ValueError:
            errors.setdefault("quarter", []).append(
                _("Enter the reporting period as {format}.").format(format=QUARTER_FORMAT_HELP)
            )
        validate_url = URLValidator(schemes=["http", "https"])
        for line in self.evidence_list():
            try:
                validate_url(line)
            except ValidationError:
                errors.setdefault("evidence_links", []).append(
                    _("“{link}” is not a web address. Start each line with https://").format(
                        link=line
                    )
                )
        if self.action_id:
            current = self.action.status
            if status_needs_reason(current, self.status) and not self.status_reason.strip():
                errors.setdefault("status_reason", []).append(self._missing_reason(current))
            target = self.action.target_date
            # clean() runs even when clean_fields() refused the date, so it may still be text.
            revised = self.revised_target_date
            slipped = isinstance(revised, datetime.date) and target and revised > target
            if slipped and not self.date_change_reason.strip():
                errors.setdefault("date_change_reason", []).append(
                    _("Say why the target date moves from {old} to {new}.").format(
                        old=formats.date_format(target, "j F Y"),
                        new=formats.date_format(self.revised_target_date, "j F Y"),
                    )
                )
        if errors:
            raise ValidationError(errors)

    def _missing_reason(self, current: str) -> str:
        if self.status == ActionStatus.CLOSED:
            return _("Say why the action is closed or what superseded it.")
        if current == ActionStatus.NO_UPDATE:
            return _(
                "Say why the action has “{status}”: the strategic implementation group will "
                "read it."
            ).format(status=ActionStatus(self.status).label)
        return _(
            "Say why the status is now worse than “{current}”: the strategic "
            "implementation group will read it."
        ).format(current=ActionStatus(current).label)


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return to the owner")


class ProgressReview(models.Model):
    """An Editor's decision on one update. One decision per update, never changed."""

    update = models.OneToOneField(
        ProgressUpdate, on_delete=models.PROTECT, related_name="review", verbose_name=_("update")
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment for the owner"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="progress_reviews",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.update} – {self.get_decision_display()}"

    def clean(self) -> None:
        if self.decision == ReviewDecision.RETURN and not self.comment.strip():
            raise ValidationError(
                {"comment": _("Tell the owner what to change before you return the update.")}
            )


class ReminderSent(models.Model):
    """Makes reminders idempotent: one per action and quarter, however often the job runs."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("action")
    )
    quarter = models.CharField(_("reporting period"), max_length=7)
    recipients = models.TextField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["action", "quarter"], name="one_reminder_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.quarter}"


def derived_state(action: Action, approved: list[ProgressUpdate]) -> tuple[str, datetime.date]:
    """An action's status and target date from its approved updates, oldest first in
    APPROVED_ORDER (``ProgressUpdate.objects.approved_in_order()``, or ``approved_order_key``).

    The one rule, used for the live action, the dashboard's "before" and the report's
    as-at snapshot: the latest approved update gives the status; the latest revised date
    gives the target, which otherwise is the end of the action's period.
    """
    status = approved[-1].status if approved else ActionStatus.NO_UPDATE
    if not approved:
        return status, action.period.ends_on
    return status, approved[-1].revised_target_date or target_dates_before(action, approved)[-1]


def target_dates_before(action: Action, approved: list[ProgressUpdate]) -> list[datetime.date]:
    """The target date in force when each approved update (oldest first) came, in the same
    order, so a page can say "moved from 31 December 2024 to 30 June 2025"."""
    before = []
    target = action.period.ends_on
    for update in approved:
        before.append(target)
        target = update.revised_target_date or target
    return before
