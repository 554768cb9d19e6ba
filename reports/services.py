"""Writes for the annual progress report: request, build, publish, retry."""

import datetime
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actions.models import DeliveryPlan
from core import roles
from core.errors import NotAllowed
from reports.models import ACTIVE_STATUSES, AnnualReport, ReportRun, RunStatus
from reports.selectors import report_edition_partner, report_snapshot

REPORT_STYLESHEET = "css/report.css"


def _validate_request(*, plan_slug: str, year, as_at, language: str) -> DeliveryPlan:
    errors: dict[str, str] = {}
    plan = DeliveryPlan.objects.filter(slug=plan_slug).first()
    if plan is None:
        known = ", ".join(DeliveryPlan.objects.order_by("slug").values_list("slug", flat=True))
        errors["plan"] = _("There is no plan “{plan}”. Choose one of: {known}.").format(
            plan=plan_slug, known=known or "–"
        )
    if not isinstance(year, int):
        errors["year"] = _("Enter the reporting year as a number, such as 2024.")
    elif plan is not None and not plan.start_year <= year <= plan.end_year:
        errors["year"] = _("The year must be within the plan: {start} to {end}.").format(
            start=plan.start_year, end=plan.end_year
        )
    if not isinstance(as_at, datetime.date):
        errors["as_at"] = _("Enter the cut-off date, for example 31 March 2025.")
    elif as_at > timezone.localdate():
        errors["as_at"] = _("The cut-off date cannot be in the future.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose English or Welsh.")
    if errors:
        raise ValidationError(errors)
    return plan


def report_request(
    *,
    plan_slug: str,
    year: int,
    as_at: datetime.date,
    language: str,
    user,
    introduction_en: str | None = None,
    introduction_cy: str | None = None,
) -> tuple[ReportRun, bool]:
    """Queue a build, or join the one already under way. Returns (run, created)."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can build a report."))
    plan = _validate_request(plan_slug=plan_slug, year=year, as_at=as_at, language=language)
    with transaction.atomic():
        report, _created = AnnualReport.objects.get_or_create(plan=plan, year=year)
        changed = []
        for field, value in (
            ("introduction_en", introduction_en),
            ("introduction_cy", introduction_cy),
        ):
            if value is not None and getattr(report, field) != value:
                setattr(report, field, value)
                changed.append(field)
        if changed:
            report.save(update_fields=changed)
        active = ReportRun.objects.filter(
            report=report, language=language, as_at=as_at, status__in=ACTIVE_STATUSES
        ).first()
        if active is not None:
            return active, False
        try:
            with transaction.atomic():
                run = ReportRun.objects.create(
                    report=report, language=language, as_at=as_at, created_by=user
                )
        except IntegrityError:
            # Someone queued the same report a moment ago: join theirs.
            run = ReportRun.objects.get(
                report=report, language=language, as_at=as_at, status__in=ACTIVE_STATUSES
            )
            return run, False
        _queue(run)
    return run, True


def _queue(run: ReportRun) -> None:
    # reports.tasks imports this module at its top; importing the task here, only when a run is
    # queued, keeps the dependency one way (task -> services) at import time, and every caller
    # of report_request and report_retry queues the same way.
    from reports.tasks import report_build_task

    # Only once the run is committed can a worker on another connection see it.
    transaction.on_commit(lambda: report_build_task.delay(run.pk))


# A run's states: queued -> building -> ready or failed; failed -> queued by a retry. Each
# change is one conditional UPDATE, so two workers (or a worker and the recovery job) racing
# for the same run cannot both win.


def report_run_claim(*, run_id: int, stale_after: datetime.timedelta) -> ReportRun | None:
    """Claim a queued run for building; None if it is not this caller's to build.

    A run still "building" is taken over only once ``stale_after`` has passed since its build
    started: a delivery repeated after its worker died, when the first attempt cannot still be
    running. Every claim counts one attempt.
    """
    now = timezone.now()
    claimed = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.BUILDING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        claimed = ReportRun.objects.filter(
            pk=run_id, status=RunStatus.BUILDING, started_at__lt=now - stale_after
        ).update(started_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return ReportRun.objects.select_related("report", "report__plan").get(pk=run_id)


def report_run_requeue(*, run_id: int) -> bool:
    """Hand a building run back to the queue, for a retry after a transient error."""
    return bool(
        ReportRun.objects.filter(pk=run_id, status=RunStatus.BUILDING).update(
            status=RunStatus.QUEUED
        )
    )


def report_render(*, report: AnnualReport, as_at: datetime.date, language: str) -> dict:
    """Render the report in one language: HTML edition, PDF bytes and page count."""
    from weasyprint import HTML

    from reports.pdf_fetcher import StaticOnlyFetcher

    with translation.override(language):
        context = report_snapshot(report=report, as_at=as_at)
        pdf_html = render_to_string("reports/report_pdf.html", {**context, "edition": "pdf"})
        web_html = render_to_string("reports/report_web.html", {**context, "edition": "html"})
        document = HTML(
            string=pdf_html,
            base_url=str(Path(settings.BASE_DIR) / "static"),
            url_fetcher=StaticOnlyFetcher(),
        ).render()
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return {"html": web_html, "pdf": pdf, "pages": len(document.pages)}


def _file_stem(run: ReportRun) -> str:
    plan = run.report.plan.slug
    return f"{plan}-{run.report.year}-{run.language}-{run.as_at.isoformat()}-run{run.pk}"


def report_build(*, run: ReportRun) -> ReportRun:
    """Build the files for a claimed run. A retry overwrites the same files."""
    started = time.perf_counter()
    output = report_render(report=run.report, as_at=run.as_at, language=run.language)
    folder = Path(settings.MEDIA_ROOT) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stem = _file_stem(run)
    pdf_path, html_path = folder / f"{stem}.pdf", folder / f"{stem}.html"
    html_bytes = output["html"].encode("utf-8")
    # Write to a temporary name, then rename: a reader never sees half a file.
    for path, data in ((pdf_path, output["pdf"]), (html_path, html_bytes)):
        partial = path.with_suffix(path.suffix + ".partial")
        partial.write_bytes(data)
        partial.replace(path)
    run.pdf_file = f"reports/{pdf_path.name}"
    run.html_file = f"reports/{html_path.name}"
    run.pdf_sha256 = hashlib.sha256(output["pdf"]).hexdigest()
    run.html_sha256 = hashlib.sha256(html_bytes).hexdigest()
    run.pages = output["pages"]
    run.pdf_bytes = len(output["pdf"])
    run.html_bytes = len(html_bytes)
    run.build_seconds = round(time.perf_counter() - started, 3)
    run.status = RunStatus.READY
    run.failure_reason = ""
    run.finished_at = timezone.now()
    run.save()
    return run


def report_run_fail(*, run_id: int, reason: str) -> bool:
    """Mark a queued or building run failed, with a reason the Editor sees. A run already
    ready or failed is left as it is."""
    return bool(
        ReportRun.objects.filter(pk=run_id, status__in=ACTIVE_STATUSES).update(
            status=RunStatus.FAILED, failure_reason=reason[:2000], finished_at=timezone.now()
        )
    )


@transaction.atomic
def report_retry(*, run: ReportRun, user) -> ReportRun:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can build a report."))
    updated = ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
        status=RunStatus.QUEUED, failure_reason="", started_at=None, finished_at=None
    )
    if not updated:
        raise ValidationError(_("Only a failed build can be retried."))
    run.refresh_from_db()
    _queue(run)
    return run


def report_runs_recover(*, stale_after: datetime.timedelta) -> int:
    """Runs left at "building" by a worker that died are marked failed, so they can be
    retried and never stay stuck."""
    limit = timezone.now() - stale_after
    return ReportRun.objects.filter(status=RunStatus.BUILDING, started_at__lt=limit).update(
        status=RunStatus.FAILED,
        failure_reason=_(
            "The build stopped without finishing (the worker was stopped or restarted). "
            "Retry to build it again."
        ),
        finished_at=timezone.now(),
    )


@transaction.atomic
def report_publish(*, run: ReportRun, user, change_note: str = "") -> ReportRun:
    """Publish a ready run. A later publication of the same report is a new version that
    says what changed; the earlier one stays as it was."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can publish a report."))
    # The report's row is locked first, so two publications of the same report at once take
    # versions one after the other instead of colliding on the unique version (a 500).
    AnnualReport.objects.select_for_update().filter(pk=run.report_id).first()
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if run.is_published:
        raise ValidationError(_("This report is already published and cannot change."))
    if run.status != RunStatus.READY:
        raise ValidationError(_("Only a report that built successfully can be published."))
    previous = (
        ReportRun.objects.filter(report=run.report, language=run.language, version__isnull=False)
        .order_by("-version")
        .first()
    )
    if previous is not None and not change_note.strip():
        raise ValidationError(
            {
                "change_note": _(
                    "Version {version} is already published. Say what this correction changes."
                ).format(version=previous.version)
            }
        )
    run.version = (previous.version + 1) if previous else 1
    run.change_note = change_note.strip()
    run.published_at = timezone.now()
    run.published_by = user
    run.save()
    return run


@transaction.atomic
def report_publish_editions(*, run: ReportRun, user, change_note: str = "") -> list[ReportRun]:
    """Publish a ready run together with its other-language edition, if that is built: both
    or neither, since publishing cannot be undone."""
    partner = report_edition_partner(run=run)
    published = [report_publish(run=run, user=user, change_note=change_note)]
    if partner is not None:
        published.append(report_publish(run=partner, user=user, change_note=change_note))
    return published
