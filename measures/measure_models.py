"""Progress measures: what staff record against the plan's "How we'll measure progress" lines.

A line that names something countable takes figures; any other line takes short dated
statements. Which is which is listed, line by line, in fixtures/measures-<plan>.json.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import bounded
from measures.periods import recorded_period

# A statement is a short note for the report, not an essay.
STATEMENT_MAX_LENGTH = 1000


class MeasureKind(models.TextChoices):
    FIGURE = "figure", _("Figures")
    STATEMENT = "statement", _("Statements")


class FigureStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class ProgressMeasure(models.Model):
    """One "How we'll measure progress" line that staff record against."""

    line = models.OneToOneField(
        "actions.MeasurementLine",
        on_delete=models.CASCADE,
        related_name="progress_measure",
        verbose_name=_("measurement line"),
    )
    kind = models.CharField(_("what is recorded"), max_length=10, choices=MeasureKind.choices)

    class Meta:
        verbose_name = _("progress measure")
        verbose_name_plural = _("progress measures")
        ordering = ["line__plan", "line__theme__number", "line__position"]

    def __str__(self) -> str:
        return self.line.text

    @property
    def code(self) -> str:
        """Theme and line number, such as 2.1: the line's place in the plan's list."""
        return f"{self.line.theme.number}.{self.line.position}"

    @property
    def takes_figures(self) -> bool:
        return self.kind == MeasureKind.FIGURE


class _Recorded(models.Model):
    """Who recorded an entry and when, and the version an edit must start from."""

    # Bumped on every change; an edit made from an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=0)
    recorded_by = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True


class MeasureFigure(_Recorded):
    """A figure for one period: "more than 300,000 visitors to the WeCare Wales website"."""

    measure = models.ForeignKey(
        ProgressMeasure,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("progress measure"),
    )
    period = models.CharField(
        _("period"),
        max_length=7,
        help_text=_("2023 for a year, 2023-12 for a month, 2022-23 for a financial year."),
    )
    # Derived from `period` by the service; stored so figures sort by time in the database.
    period_end = models.DateField(_("period ends"), editable=False)
    more_than = models.BooleanField(
        _("more than"),
        default=False,
        help_text=_("Tick when the source gives the figure as “more than” the value."),
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(
        _("what is counted"),
        max_length=300,
        help_text=_("For example “visitors to the WeCare Wales website”."),
    )
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True, **bounded())
    status = models.CharField(
        _("status"), max_length=12, choices=FigureStatus.choices, default=FigureStatus.FINAL
    )
    # A story's "Our impact" shows the figures linked to it (themes.ThemeStory, issue 16).
    stories = models.ManyToManyField(
        "themes.ThemeStory",
        blank=True,
        related_name="measure_figures",
        verbose_name=_("theme stories"),
    )

    class Meta:
        verbose_name = _("measure figure")
        verbose_name_plural = _("measure figures")
        ordering = ["measure", "period_end", "pk"]

    def __str__(self) -> str:
        more = "> " if self.more_than else ""
        return f"{self.measure.code} {self.period}: {more}{self.value} {self.unit}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        period_end, period_errors = recorded_period(self.period)
        if period_end is not None:
            self.period_end = period_end
        if period_errors:
            errors["period"] = period_errors
        if self.measure_id and not self.measure.takes_figures:
            errors.setdefault("measure", []).append(
                _("This measure takes dated statements, not figures.")
            )
        if errors:
            raise ValidationError(errors)


class MeasureStatement(_Recorded):
    """A short dated statement, in English and Welsh, for a line that names nothing countable."""

    measure = models.ForeignKey(
        ProgressMeasure,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("progress measure"),
    )
    stated_on = models.DateField(_("date"))
    text = models.TextField(_("statement"), **bounded(STATEMENT_MAX_LENGTH))

    class Meta:
        verbose_name = _("measure statement")
        verbose_name_plural = _("measure statements")
        ordering = ["measure", "stated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.stated_on}: {self.text}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.stated_on and self.stated_on > timezone.localdate():
            errors["stated_on"] = [_("The date must be today or in the past.")]
        if self.measure_id and self.measure.takes_figures:
            errors["measure"] = [_("This measure takes figures, not statements.")]
        if errors:
            raise ValidationError(errors)
