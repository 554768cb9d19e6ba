from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeliveryPlan(models.Model):
    strategy = models.ForeignKey(
        "themes.Strategy",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("strategy"),
    )
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    first_published = models.DateField(_("first published"), null=True, blank=True)
    last_updated = models.DateField(_("last updated"), null=True, blank=True)
    source_url = models.URLField(_("source"), blank=True)

    class Meta:
        verbose_name = _("delivery plan")
        verbose_name_plural = _("delivery plans")
        ordering = ["-start_year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DeliveryPeriod(models.Model):
    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.CASCADE, related_name="periods", verbose_name=_("plan")
    )
    slug = models.SlugField(_("short name for links"), max_length=60)
    label = models.CharField(_("label"), max_length=100)
    position = models.PositiveSmallIntegerField(_("order"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("delivery period")
        verbose_name_plural = _("delivery periods")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="period_slug_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="period_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ActionStatus(models.TextChoices):
    NO_UPDATE = "no_update", _("No update yet")
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    MINOR_DELAYS = "minor_delays", _("Minor delays")
    SIGNIFICANT_DELAYS = "significant_delays", _("Significant delays")
    COMPLETE = "complete", _("Complete")
    CLOSED = "closed", _("Closed or superseded")


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
                condition=models.Q(number__gte=1), name="action_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return _("Action {number}").format(number=self.number)

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"plan": self.plan.slug, "number": self.number})

    def clean(self) -> None:
        if self.period_id and self.plan_id and self.period.plan_id != self.plan_id:
            raise ValidationError(
                {"period": _("The delivery period must belong to the action's plan.")}
            )
        if self.theme_id and self.plan_id and self.theme.strategy_id != self.plan.strategy_id:
            raise ValidationError(
                {"theme": _("The theme must belong to the strategy of the action's plan.")}
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
        help_text=_("Unticked where the plan names no owner and Social Care Wales leads."),
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
