from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.limits import LONG_TEXT_LIMIT, bounded


class Strategy(models.Model):
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["start_year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="strategy_years_in_order",
                violation_error_message=_("The last year must be the same as or after the first."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="themes", verbose_name=_("strategy")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    ambition = models.TextField(
        _("2030 ambition"),
        help_text=_("The theme's ambition statement, word for word."),
        **bounded(),
    )
    progress_intro = models.TextField(
        _("what progress would mean"),
        blank=True,
        help_text=_("The sentence that introduces the theme's indicators in the plan."),
        **bounded(),
    )
    indicators_pending_reason = models.TextField(
        _("why there are no indicators yet"),
        blank=True,
        help_text=_(
            "Filled in only for a theme whose indicators are still to be set, "
            "for example until an assessment is done."
        ),
        **bounded(),
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="theme_number_unique_in_strategy"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="theme_number_positive",
                violation_error_message=_("A theme number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", kwargs={"number": self.number})

    @property
    def indicators_pending(self) -> bool:
        return bool(self.indicators_pending_reason)


class StoryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


# The four parts of a theme story, in the order the story is read.
STORY_PARTS = ("why_it_matters", "what_we_did", "impact", "whats_next")


class ThemeStory(models.Model):
    """How a theme went in one reporting year: why it matters, what we did, our impact in
    figures and what's next, in English and Welsh.

    One per theme and year, not per delivery plan: the theme is the strategy's (2020 to 2030)
    and outlives any one plan, a year before the first plan in the tracker (2021 to 2022) has no
    plan here at all, and plans sit on a floor above themes. A report finds its stories by its
    plan's strategy and year. Staff write it, a second Editor approves it; the public and the
    report read the latest approved version from its history, so an approved story stays
    published while a correction waits for approval.
    """

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="stories", verbose_name=_("theme")
    )
    year = models.PositiveSmallIntegerField(
        _("reporting year"),
        help_text=_("The calendar year a report covers, or the first year of a financial year."),
    )
    financial_year = models.BooleanField(
        _("financial year"),
        default=False,
        help_text=_("The year runs from April to March, as in annual reports before 2024."),
    )
    outcome = models.TextField(_("outcome"), blank=True, **bounded(LONG_TEXT_LIMIT))
    why_it_matters = models.TextField(_("why it matters"), blank=True, **bounded(LONG_TEXT_LIMIT))
    what_we_did = models.TextField(_("what we did"), blank=True, **bounded(LONG_TEXT_LIMIT))
    impact = models.TextField(_("our impact in figures"), blank=True, **bounded(LONG_TEXT_LIMIT))
    whats_next = models.TextField(_("what's next"), blank=True, **bounded(LONG_TEXT_LIMIT))
    source = models.CharField(
        _("published before the tracker in"),
        max_length=300,
        blank=True,
        help_text=_("Only for a story loaded from a report published before the tracker."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=StoryState.choices, default=StoryState.DRAFT
    )
    # Who last changed the text: they may not approve it (core.roles, themes.services).
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    return_comment = models.TextField(_("why it was sent back"), blank=True, **bounded())
    # Concurrent edits: a save from a form opened at an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("theme story")
        verbose_name_plural = _("theme stories")
        ordering = ["-year", "theme__number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "year"], name="one_story_per_theme_year"),
            # Approved means someone approved it, or it was published before the tracker.
            models.CheckConstraint(
                condition=~models.Q(state="approved")
                | models.Q(approved_at__isnull=False, approved_by__isnull=False)
                | ~models.Q(source=""),
                name="approved_story_has_approver",
                violation_error_message=_("An approved story needs its approver."),
            ),
        ]

    def __str__(self) -> str:
        return _("Theme {number} story, {year}").format(
            number=self.theme.number, year=self.year_label
        )

    @property
    def year_label(self) -> str:
        if self.financial_year:
            return _("{start} to {end}").format(start=self.year, end=self.year + 1)
        return str(self.year)

    @property
    def is_historical(self) -> bool:
        return bool(self.source)
