"""Organisations, delivery plans and their periods: the spine every action hangs from.

Imported by ``actions.models``, so Django finds them there; kept apart to keep that file
to what an action holds.
"""

from django.core.exceptions import ValidationError
from django.db import models
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


class WelshTranslationStatus(models.TextChoices):
    TRACKER = "tracker", _("the tracker's own translation, awaiting review")
    REVIEWED = "reviewed", _("reviewed by Social Care Wales' translators")


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
    # Whose Welsh the plan's content is, so readers are told when it is the tracker's own
    # translation still awaiting Social Care Wales' translators. Blank: no Welsh loaded yet.
    welsh_translation_status = models.CharField(
        _("Welsh translation"),
        max_length=20,
        choices=WelshTranslationStatus.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("delivery plan")
        verbose_name_plural = _("delivery plans")
        ordering = ["-start_year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_years_in_order",
                violation_error_message=_("The last year must be the same as or after the first."),
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
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


def check_theme_in_plan_strategy(record: models.Model, message: str) -> None:
    """Refuse a record (an action, an indicator) whose theme is not of its plan's strategy:
    neither foreign key can say so alone. ``message`` names the kind of record."""
    if record.theme_id and record.plan_id and record.theme.strategy_id != record.plan.strategy_id:
        raise ValidationError({"theme": message})
