from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.limits import bounded


class AnnualReport(models.Model):
    """One reporting year of a plan; its introduction is written by Editors in each language."""

    plan = models.ForeignKey(
        "actions.DeliveryPlan",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("plan"),
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    introduction = models.TextField(_("introduction"), blank=True, **bounded())

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="one_annual_report_per_year")
        ]

    def __str__(self) -> str:
        return _("Annual progress report {year}").format(year=self.year)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    READY = "ready", _("Ready to publish")
    FAILED = "failed", _("Failed")


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.BUILDING)


class ReportRun(models.Model):
    """One build of a report in one language, as at a cut-off date."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, related_name="runs", verbose_name=_("report")
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    as_at = models.DateField(_("as at"))
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    failure_reason = models.TextField(_("why it failed"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    pdf_file = models.CharField(_("PDF file"), max_length=300, blank=True)
    html_file = models.CharField(_("HTML file"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    html_sha256 = models.CharField(_("HTML SHA-256"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    pdf_bytes = models.PositiveBigIntegerField(_("PDF size in bytes"), null=True, blank=True)
    html_bytes = models.PositiveBigIntegerField(_("HTML size in bytes"), null=True, blank=True)
    build_seconds = models.FloatField(_("build time in seconds"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_runs",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    started_at = models.DateTimeField(_("building since"), null=True, blank=True)
    # The building worker renews this while it works (reports.services.report_build); once it
    # has passed, the worker is taken to be gone and another may take the run over.
    lease_expires_at = models.DateTimeField(_("lease runs out at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Publishing: a published run never changes; a correction is a later version.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_reports",
        verbose_name=_("published by"),
    )
    version = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    change_note = models.TextField(
        _("what changed from the previous version"), blank=True, **bounded()
    )
    # Publishing makes the final edition in a job (reports.publishing): from the Editor's
    # confirmation until the job has written it, the run holds its version and this time,
    # which the final edition's cover gives as its publication date and which becomes
    # published_at. A failed job clears both and says why.
    publication_requested_at = models.DateTimeField(_("publishing since"), null=True, blank=True)
    publication_failure = models.TextField(_("why publishing failed"), blank=True)
    # The approved theme stories this build printed, copied in: a rebuild of a published edition
    # prints these words, whatever has been corrected since (reports.stories).
    frozen_stories = models.JSONField(_("theme stories as built"), null=True, blank=True)

    class Meta:
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-created_at"]
        constraints = [
            # A second request for the same report joins the run already under way.
            models.UniqueConstraint(
                fields=["report", "language", "as_at"],
                condition=models.Q(status__in=["queued", "building"]),
                name="one_active_run_per_report_language_date",
            ),
            models.UniqueConstraint(
                fields=["report", "language", "version"],
                condition=models.Q(version__isnull=False),
                name="published_versions_unique",
            ),
        ]

    def __str__(self) -> str:
        # Says the state too: the audit trail shows each saved state of a run by this text.
        edition = _("{report}, {language}, as at {date}").format(
            report=self.report,
            language=self.get_language_display(),
            date=date_format(self.as_at, "j F Y"),
        )
        if self.is_published:
            state = _("published, version {version}").format(version=self.version)
        elif self.is_being_published:
            state = _("being published, version {version}").format(version=self.version)
        else:
            state = self.get_status_display()
        return f"{edition}: {state}"

    def get_absolute_url(self) -> str:
        return reverse("staff:report-run", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_being_published(self) -> bool:
        """Confirmed for publishing, its final edition not yet written (reports.publishing)."""
        return self.publication_requested_at is not None and not self.is_published

    @property
    def is_publishable(self) -> bool:
        """Built and neither published nor being published: the one rule for the publish page,
        its button and the partner edition (report_edition_partner filters on the same fields)."""
        return (
            self.status == RunStatus.READY
            and not self.is_published
            and self.publication_requested_at is None
        )

    @property
    def state_label(self) -> str:
        """The run's state for staff pages: its build, or its publication."""
        if self.is_published:
            return _("Published, version {version}").format(version=self.version)
        if self.is_being_published:
            return _("Being published, version {version}").format(version=self.version)
        return str(self.get_status_display())

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
