from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.plan_models import check_theme_in_plan_strategy
from core.limits import bounded
from measures.freshness import Frequency
from measures.periods import recorded_period


class Direction(models.TextChoices):
    INCREASE = "increase", _("Increase")
    REDUCE = "reduce", _("Reduce")
    MAINTAIN = "maintain", _("Maintain")


class Unit(models.TextChoices):
    PERCENT = "percent", _("Per cent")
    COUNT = "count", _("Count")
    SCORE = "score", _("Score")
    YEARS = "years", _("Years")


class BaselineStatus(models.TextChoices):
    SET = "set", _("Baseline figures set")
    DESCRIBED = "described", _("Baseline described without figures")
    PENDING = "pending", _("Baseline to be established")
    NOT_STATED = "not_stated", _("No baseline stated")


class Indicator(models.Model):
    theme = models.ForeignKey(
        "themes.Theme",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("theme"),
    )
    plan = models.ForeignKey(
        "actions.DeliveryPlan",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("set out in plan"),
    )
    position = models.PositiveSmallIntegerField(_("order within the theme"))
    statement = models.TextField(
        _("statement"), help_text=_("The indicator exactly as the plan words it."), **bounded()
    )
    baseline_text = models.TextField(
        _("baseline as the plan states it"),
        blank=True,
        help_text=_(
            "The words in brackets after the statement, for example “65 per cent in 2023”."
        ),
        **bounded(),
    )
    baseline_status = models.CharField(_("baseline"), max_length=12, choices=BaselineStatus.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    tolerance = models.DecimalField(
        _("tolerance for “maintained”"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "For a “maintain” indicator: how far from the baseline, in the indicator's unit, "
            "still counts as maintained."
        ),
    )
    notes = models.TextField(_("notes"), blank=True, **bounded())
    # Provenance (issue 16): where the figures come from and when the next one is due. Empty
    # where the plan does not say; pages then show "Not recorded".
    source_publication = models.CharField(
        _("source publication"),
        max_length=300,
        blank=True,
        help_text=_("The publication the figures come from, for example a named survey."),
    )
    source_url = models.URLField(_("link to the source publication"), max_length=500, blank=True)
    producer = models.CharField(
        _("producer"),
        max_length=200,
        blank=True,
        help_text=_("The organisation that publishes the figures."),
    )
    frequency = models.CharField(
        _("how often it is published"), max_length=10, choices=Frequency.choices, blank=True
    )
    next_release = models.DateField(_("expected next release"), null=True, blank=True)
    definition = models.TextField(_("definition"), blank=True, **bounded())
    method = models.TextField(_("method"), blank=True, **bounded())
    caveats = models.TextField(_("caveats"), blank=True, **bounded())
    # Bumped by each change to the definition and provenance; an edit from an older version is
    # refused (measures.services.indicator_definition_change).
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["theme__number", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "theme", "position"], name="indicator_position_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(direction="maintain") | models.Q(tolerance__isnull=False),
                name="maintain_indicator_has_tolerance",
                violation_error_message=_(
                    "A “maintain” indicator needs a tolerance, for example 2."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"

    def get_absolute_url(self) -> str:
        return reverse("measures:detail", kwargs={"pk": self.pk})

    @property
    def code(self) -> str:
        return f"{self.theme.number}.{self.position}"

    def clean(self) -> None:
        if self.direction == Direction.MAINTAIN and self.tolerance is None:
            raise ValidationError(
                {"tolerance": _("A “maintain” indicator needs a tolerance, for example 2.")}
            )
        check_theme_in_plan_strategy(
            self, _("The theme must belong to the strategy of the indicator's plan.")
        )


class IndicatorBreakdown(models.Model):
    """A breakdown the plan names for an indicator, with its own direction where it needs one.

    Indicator 1.5 mixes scores where higher is better with the anxiety score, where lower is
    better: each score is a breakdown with its own direction. Breakdowns not listed here take
    the indicator's direction.
    """

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="breakdowns",
        verbose_name=_("indicator"),
    )
    position = models.PositiveSmallIntegerField(_("order within the indicator"))
    code = models.SlugField(
        _("breakdown code"),
        max_length=60,
        help_text=_("The code its values are recorded under, such as anxiety."),
    )
    label = models.CharField(_("breakdown"), max_length=200)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)

    class Meta:
        verbose_name = _("indicator breakdown")
        verbose_name_plural = _("indicator breakdowns")
        ordering = ["indicator", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "code"], name="indicator_breakdown_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.code}: {self.direction}"

    def clean(self) -> None:
        if (
            self.direction == Direction.MAINTAIN
            and self.indicator_id
            and self.indicator.tolerance is None
        ):
            raise ValidationError(
                {
                    "direction": _(
                        "A “maintain” breakdown needs its indicator to have a tolerance, "
                        "for example 2."
                    )
                }
            )


class ObservationStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class Observation(models.Model):
    """A value of an indicator for one period. The plan's baselines are observations too."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    period = models.CharField(
        _("period"),
        max_length=7,
        help_text=_("2023 for a year, 2023-12 for a month, 2022-23 for a financial year."),
    )
    # Derived from `period` by the service; stored so series sort and filter in the database.
    period_end = models.DateField(_("period ends"), editable=False)
    breakdown = models.SlugField(
        _("breakdown code"),
        max_length=60,
        blank=True,
        help_text=_("Empty for the whole workforce, otherwise a short code such as care-homes."),
    )
    breakdown_label = models.CharField(_("breakdown"), max_length=200, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    notes = models.TextField(_("notes"), blank=True, **bounded())
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ObservationStatus.choices,
        default=ObservationStatus.FINAL,
    )
    is_baseline = models.BooleanField(_("baseline"), default=False)
    release_date = models.DateField(
        _("release date"),
        null=True,
        blank=True,
        help_text=_("The day the source published this figure."),
    )
    # Bumped on every change; an edit made from an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=0)
    recorded_by = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "period_end", "breakdown"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "breakdown"],
                name="one_value_per_period_and_breakdown",
            ),
            models.UniqueConstraint(
                fields=["indicator", "breakdown"],
                condition=models.Q(is_baseline=True),
                name="one_baseline_per_breakdown",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.breakdown or '-'}: {self.value}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        period_end, period_errors = recorded_period(self.period)
        if period_end is not None:
            self.period_end = period_end
        if period_errors:
            errors["period"] = period_errors
        if self.value is not None and self.indicator_id:
            unit = self.indicator.unit
            if unit == Unit.PERCENT and not (Decimal(0) <= self.value <= Decimal(100)):
                errors.setdefault("value", []).append(_("A percentage must be between 0 and 100."))
            elif unit == Unit.COUNT and self.value < 0:
                errors.setdefault("value", []).append(_("A count cannot be negative."))
        if self.indicator_id:
            declared = list(self.indicator.breakdowns.values_list("code", flat=True))
            if declared and self.breakdown not in declared:
                errors.setdefault("breakdown", []).append(
                    _(
                        "This indicator's values are recorded by breakdown: use one of {codes}."
                    ).format(codes=", ".join(declared))
                )
        if self.release_date and self.release_date > timezone.localdate():
            errors.setdefault("release_date", []).append(
                _("The release date must be today or in the past.")
            )
        if self.breakdown and not self.breakdown_label:
            errors.setdefault("breakdown_label", []).append(
                _("Give the breakdown a label, for example “Adult care homes”.")
            )
        if errors:
            raise ValidationError(errors)


# Progress measures live in their own module; imported here so Django finds their models.
from measures.measure_models import (  # noqa: E402, F401
    FigureStatus,
    MeasureFigure,
    MeasureKind,
    MeasureStatement,
    ProgressMeasure,
)
