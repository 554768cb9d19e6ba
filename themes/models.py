from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
        _("2030 ambition"), help_text=_("The theme's ambition statement, word for word.")
    )
    progress_intro = models.TextField(
        _("what progress would mean"),
        blank=True,
        help_text=_("The sentence that introduces the theme's indicators in the plan."),
    )
    indicators_pending_reason = models.TextField(
        _("why there are no indicators yet"),
        blank=True,
        help_text=_(
            "Filled in only for a theme whose indicators are still to be set, "
            "for example until an assessment is done."
        ),
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
