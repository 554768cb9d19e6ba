from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.lineage_models import (  # noqa: F401 - Django and callers find them here
    ActionLink,
    ActionOutcome,
    LinkRelation,
    LinkState,
    Outcome,
)
from actions.plan_models import (  # noqa: F401 - Django and callers find them here
    DeliveryPeriod,
    DeliveryPlan,
    ItemName,
    Organisation,
    PlanStatement,
    PlanTheme,
    StatementKind,
    WelshTranslationStatus,
    check_theme_in_plan_strategy,
)
from actions.status import ActionStatus
from actions.update_models import (  # noqa: F401 - Django and callers find them here
    APPROVED_ORDER,
    TARGET_DATES_FROM,
    TARGET_DATES_TO,
    UPDATE_STATUSES,
    ProgressReview,
    ProgressUpdate,
    ProgressUpdateQuerySet,
    ReviewDecision,
    ReviewState,
    approved_order_key,
    derived_state,
    target_dates_before,
)
from core.limits import bounded


class Action(models.Model):
    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.PROTECT, related_name="actions", verbose_name=_("plan")
    )
    theme = models.ForeignKey(
        "themes.Theme", on_delete=models.PROTECT, related_name="actions", verbose_name=_("theme")
    )
    # Empty where the plan gives no delivery periods (the mental health workforce plan).
    period = models.ForeignKey(
        DeliveryPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("delivery period"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(
        _("text"), help_text=_("The action exactly as the plan words it."), **bounded()
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("The plan's paragraph under the action, if any."),
        **bounded(),
    )
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
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"plan": self.plan.slug, "number": self.number})

    @property
    def heading(self) -> str:
        """Its name: "Action 4", or "Commitment 2" in a plan that calls them commitments."""
        if self.plan.item_name == ItemName.COMMITMENT:
            return _("Commitment {number}").format(number=self.number)
        return _("Action {number}").format(number=self.number)

    @property
    def reference(self) -> str:
        """Its name inside a sentence: "Continues commitment 2 of the 2022–23 plan"."""
        if self.plan.item_name == ItemName.COMMITMENT:
            return _("commitment {number}").format(number=self.number)
        return _("action {number}").format(number=self.number)

    @property
    def outcome_label(self) -> str:
        """An ended plan's action: how it finished, or "Not recorded" until an Editor says."""
        outcome = getattr(self, "outcome", None)  # the reverse one-to-one raises when absent
        return outcome.get_outcome_display() if outcome else _("Not recorded")

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
    text = models.TextField(_("text"), **bounded())

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
    text = models.TextField(_("text"), **bounded())

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
