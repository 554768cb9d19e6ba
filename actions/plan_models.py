"""Organisations, delivery plans and their periods: the spine every action hangs from.

Imported by ``actions.models``, so Django finds them there; kept apart to keep that file
to what an action holds.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.limits import bounded


class Organisation(models.Model):
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    # Single sign-on offers this organisation to people whose verified email address is at one
    # of these domains (people/); an Administrator still grants the role.
    allowed_email_domains = models.CharField(
        _("allowed email domains"),
        max_length=500,
        blank=True,
        help_text=_("Separate domains with spaces, for example: heiw.nhs.wales wales.nhs.uk"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WelshTranslationStatus(models.TextChoices):
    TRACKER = "tracker", _("the tracker's own translation, awaiting review")
    REVIEWED = "reviewed", _("reviewed by Social Care Wales' translators")


class ItemName(models.TextChoices):
    """What a plan calls the things it will do: the 2022 to 2023 plan lists "commitments"."""

    ACTION = "action", _("action")
    COMMITMENT = "commitment", _("commitment")


class DeliveryPlan(models.Model):
    strategy = models.ForeignKey(
        "themes.Strategy",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("strategy"),
    )
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, **bounded())
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
    # How pages and links name the plan in a sentence ("Continues commitment 2 of the 2022–23
    # plan"). Blank: the years ("2024–27 plan").
    short_title = models.CharField(_("short title"), max_length=100, blank=True)
    item_name = models.CharField(
        _("what the plan calls its actions"),
        max_length=20,
        choices=ItemName.choices,
        default=ItemName.ACTION,
    )
    numbered_by_tracker = models.BooleanField(
        _("numbered by the tracker"),
        default=False,
        help_text=_("Ticked where the plan does not number its actions and the tracker does."),
    )
    # An ended plan's actions get an outcome, not a status: never overdue, never exceptions.
    ended = models.BooleanField(
        _("ended"),
        default=False,
        help_text=_("Its period is over: each action gets an outcome, and none is overdue."),
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

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"plan": self.slug})

    @property
    def plain_title(self) -> str:
        """Its title where no part can be marked as English (a page's <title>, an attribute):
        on a Welsh page without a Welsh title, its years in Welsh rather than English words."""
        language = (get_language() or "en").split("-")[0]
        own = getattr(self, f"title_{language}", "") or ""
        if own or language == "en":
            return own or self.title_en or ""
        if self.start_year == self.end_year:
            return _("Delivery plan {year}").format(year=self.start_year)
        return _("Delivery plan {start} to {end}").format(start=self.start_year, end=self.end_year)

    @property
    def name(self) -> str:
        """The plan in a sentence: "2022–23 plan", "mental health workforce plan"."""
        if self.short_title:
            return self.short_title
        return _("{first}–{last} plan").format(first=self.start_year, last=str(self.end_year)[-2:])


class PlanTheme(models.Model):
    """A theme of the strategy as one plan heads it ("Seamless working models" in 2022 to 2023).

    Themes belong to the strategy; a plan's own heading lives here so it never overwrites the
    strategy's title.
    """

    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.CASCADE, related_name="plan_themes", verbose_name=_("plan")
    )
    theme = models.ForeignKey(
        "themes.Theme",
        on_delete=models.PROTECT,
        related_name="plan_themes",
        verbose_name=_("theme"),
    )
    position = models.PositiveSmallIntegerField(_("order in the plan"))
    heading = models.CharField(_("the plan's heading"), max_length=200)

    class Meta:
        verbose_name = _("plan's theme heading")
        verbose_name_plural = _("plans' theme headings")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "theme"], name="plan_theme_unique"),
        ]

    def __str__(self) -> str:
        return self.heading


class StatementKind(models.TextChoices):
    AMBITION = "ambition", _("Ambition")
    WHY = "why", _("Why we are doing this")
    BENEFIT = "benefit", _("Benefits")


class PlanStatement(models.Model):
    """One bullet of a plan's own text: its ambitions, or a theme's "why" and "benefits"."""

    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.CASCADE, related_name="statements", verbose_name=_("plan")
    )
    plan_theme = models.ForeignKey(
        PlanTheme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("theme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StatementKind.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"), **bounded())

    class Meta:
        verbose_name = _("plan statement")
        verbose_name_plural = _("plan statements")
        ordering = ["plan", "plan_theme__position", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_theme", "kind", "position"],
                condition=models.Q(plan_theme__isnull=False),
                name="plan_statement_unique_in_theme",
            ),
            models.UniqueConstraint(
                fields=["plan", "kind", "position"],
                condition=models.Q(plan_theme__isnull=True),
                name="plan_statement_unique_in_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.text


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
