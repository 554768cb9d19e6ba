"""Writes for the annual progress report: request, build, retry (publishing is in
reports.publishing)."""

import datetime
import hashlib
import logging
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from actions.models import DeliveryPlan
from core import roles
from core.errors import NotAllowed
from core.files import file_write
from reports.cutoff import cutoff_error
from reports.models import ACTIVE_STATUSES, AnnualReport, ReportRun, RunStatus
from reports.selectors import report_snapshot
from reports.stories import report_stories, stories_for_template

REPORT_STYLESHEET = "css/report.css"
logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another worker took the run over while this one was building it."""


def _validate_request(*, plan_slug: str, year, as_at, language: str) -> DeliveryPlan:
    errors: dict[str, str] = {}
    plan = DeliveryPlan.objects.filter(slug=plan_slug).first()
    if plan is None:
        known = ", ".join(DeliveryPlan.objects.order_by("slug").values_list("slug", flat=True))
        errors["plan"] = _("There is no plan “{plan}”. Choose one of: {known}.").format(
            plan=plan_slug, known=known or "–"
        )
    year_ok = isinstance(year, int) and not isinstance(year, bool)
    if not year_ok:
        errors["year"] = _("Enter the reporting year as a number, such as 2024.")
    elif plan is not None and not plan.start_year <= year <= plan.end_year:
        errors["year"] = _("The year must be within the plan: {start} to {end}.").format(
            start=plan.start_year, end=plan.end_year
        )
    if not isinstance(as_at, datetime.date) or isinstance(as_at, datetime.datetime):
        errors["as_at"] = _("Enter the cut-off date, for example 31 March 2025.")
    elif problem := cutoff_error(year=year if year_ok else None, as_at=as_at):
        errors["as_at"] = problem
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
    # Only once the run is committed can a worker on another connection see it.
    transaction.on_commit(lambda: report_run_send(run=run))


def report_run_send(*, run: ReportRun) -> bool:
    """Hand the run to the job queue. If the broker cannot be reached, the run stays queued
    (``run.send_failed`` says so to the page) and the recovery job sends it again later."""
    # reports.tasks imports this module at its top; importing the task here keeps the
    # dependency one way (task -> services) at import time.
    from reports.tasks import report_build_task

    try:
        report_build_task.delay(run.pk)
    except BrokerUnavailable:
        logger.warning("Report run %s could not be queued: the broker is unavailable", run.pk)
        run.send_failed = True
        return False
    run.send_failed = False
    return True


# A run's states: queued -> building -> ready or failed; failed (or a queued run that never
# reached a worker) -> queued by a retry. Each change is one conditional UPDATE, so two workers
# (or a worker and the recovery job) racing for the same run cannot both win. A building run
# holds a lease that its worker renews; a run whose lease has run out belongs to nobody.


def _lease_end(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + datetime.timedelta(seconds=settings.REPORT_LEASE_SECONDS)


def report_run_claim(*, run_id: int) -> ReportRun | None:
    """Claim a queued run for building; None if it is not this caller's to build.

    A building run whose lease has run out is taken over: its worker died, or it would have
    renewed the lease. Every claim counts one attempt, and the claimer knows its attempt by
    that count (``report_build`` writes its result only while the run is still its own).
    """
    now = timezone.now()
    claimed = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.BUILDING,
        started_at=now,
        lease_expires_at=_lease_end(now),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        claimed = ReportRun.objects.filter(
            pk=run_id, status=RunStatus.BUILDING, lease_expires_at__lt=now
        ).update(started_at=now, lease_expires_at=_lease_end(now), attempts=F("attempts") + 1)
    if not claimed:
        return None
    return ReportRun.objects.select_related("report", "report__plan").get(pk=run_id)


def _still_mine(run: ReportRun):
    return ReportRun.objects.filter(pk=run.pk, status=RunStatus.BUILDING, attempts=run.attempts)


def report_run_renew_lease(*, run: ReportRun) -> bool:
    """Extend the lease of a run this worker is building; False once another has taken it."""
    return bool(_still_mine(run).update(lease_expires_at=_lease_end()))


class _Heartbeat(threading.Thread):
    """Renews the build's lease every third of its length while the build runs."""

    def __init__(self, run: ReportRun):
        super().__init__(daemon=True, name=f"report-run-{run.pk}-lease")
        self.run_ = run
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(settings.REPORT_LEASE_SECONDS / 3, 0.2)
        try:
            while not self.stopped.wait(interval):
                if not report_run_renew_lease(run=self.run_):
                    return
        finally:
            connection.close()  # this thread's own database connection


def report_run_requeue(*, run_id: int) -> bool:
    """Hand a building run back to the queue, for a retry after a transient error."""
    return bool(
        ReportRun.objects.filter(pk=run_id, status=RunStatus.BUILDING).update(
            status=RunStatus.QUEUED
        )
    )


def report_contact() -> dict[str, str]:
    """The contact on the cover, from settings (README: Configuration)."""
    website = settings.REPORT_CONTACT_WEBSITE
    return {
        "website": website,
        "website_text": website.split("://", 1)[-1].rstrip("/"),
        "email": settings.REPORT_CONTACT_EMAIL,
        "phone": settings.REPORT_CONTACT_PHONE,
        "address": settings.REPORT_CONTACT_ADDRESS,
    }


def report_render(*, report: AnnualReport, as_at: datetime.date, language: str) -> dict:
    """Render the report in one language as a preview, its cover saying "Draft": the web
    edition, the PDF's source ("print_html", kept so that publishing can make the final
    edition from the same words, reports.publishing), PDF bytes and page count."""
    with translation.override(language):
        context = report_snapshot(report=report, as_at=as_at)
        # The theme stories are copied into the build (reports.stories).
        stories = report_stories(report=report, as_at=as_at, language=language)
        context["stories"] = stories_for_template(stories)
        context["draft"] = True
        context["contact"] = report_contact()
        pdf_html = render_to_string("reports/report_pdf.html", {**context, "edition": "pdf"})
        web_html = render_to_string("reports/report_web.html", {**context, "edition": "html"})
        pdf, pages = report_pdf(pdf_html)
    return {
        "html": web_html,
        "pdf": pdf,
        "pages": pages,
        "stories": stories,
        "print_html": pdf_html,
    }


def report_pdf(html: str) -> tuple[bytes, int]:
    """The tagged PDF of the report's print HTML, and its number of pages."""
    from weasyprint import HTML

    from reports.pdf_fetcher import StaticOnlyFetcher
    from reports.pdf_ua import pdf_ua_finish

    document = HTML(
        string=html,
        base_url=str(Path(settings.BASE_DIR) / "static"),
        url_fetcher=StaticOnlyFetcher(),
    ).render()
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    # What WeasyPrint's tags leave open for PDF/UA: artifacts, /Lang, /Scope, link words.
    return pdf_ua_finish(document=document, pdf=pdf), len(document.pages)


def report_files_write(names: dict[str, bytes]) -> None:
    """Write files to the file storage (names like "reports/x.pdf"), each whole or not at all
    for a reader (core.files: a temporary name and a rename on the local disk, one PUT on S3):
    two workers writing the same file at once (a job delivered twice) each leave a whole one."""
    for name, data in names.items():
        file_write(name, data)


def _file_stem(run: ReportRun) -> str:
    plan = run.report.plan.slug
    return f"{plan}-{run.report.year}-{run.language}-{run.as_at.isoformat()}-run{run.pk}"


def report_print_source(run: ReportRun) -> str:
    """Where a build keeps the HTML its PDF was made from (not served)."""
    return f"reports/{_file_stem(run)}.print.html"


def report_build(*, run: ReportRun) -> ReportRun:
    """Build the files for a claimed run. A retry overwrites the same files."""
    started = time.perf_counter()
    heartbeat = _Heartbeat(run)
    heartbeat.start()
    try:
        output = report_render(report=run.report, as_at=run.as_at, language=run.language)
    finally:
        heartbeat.stopped.set()
        heartbeat.join()
    stem = _file_stem(run)
    html_bytes = output["html"].encode("utf-8")
    files = {f"reports/{stem}.pdf": output["pdf"], f"reports/{stem}.html": html_bytes}
    if "print_html" in output:
        files[report_print_source(run)] = output["print_html"].encode("utf-8")
    report_files_write(files)
    run.pdf_file = f"reports/{stem}.pdf"
    run.html_file = f"reports/{stem}.html"
    run.pdf_sha256 = hashlib.sha256(output["pdf"]).hexdigest()
    run.html_sha256 = hashlib.sha256(html_bytes).hexdigest()
    run.pages = output["pages"]
    run.frozen_stories = output.get("stories")
    run.pdf_bytes = len(output["pdf"])
    run.html_bytes = len(html_bytes)
    run.build_seconds = round(time.perf_counter() - started, 3)
    run.status = RunStatus.READY
    run.failure_reason = ""
    run.finished_at = timezone.now()
    run.lease_expires_at = None
    with transaction.atomic():
        # A worker that lost its lease (taken over while it was stalled) must not overwrite
        # the run that another worker now owns.
        if not _still_mine(run).select_for_update().exists():
            raise LeaseLost(run.pk)
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
    """Build a failed run again, or send again a queued run that no worker has taken."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can build a report."))
    updated = ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
        status=RunStatus.QUEUED, failure_reason="", started_at=None, finished_at=None
    )
    if not updated and not ReportRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).exists():
        raise ValidationError(_("Only a failed or waiting build can be retried."))
    run.refresh_from_db()
    _queue(run)
    return run


# Attempts before a run that keeps losing its worker is marked failed instead of sent again.
MAX_ATTEMPTS = 3


def report_runs_recover(*, queued_for: datetime.timedelta) -> dict[str, int]:
    """Nothing stays stuck. Runs whose worker died (lease run out) are sent again, or marked
    failed with a reason once they have used their attempts; runs queued for longer than
    ``queued_for`` (the broker was down when they were requested) are sent again. Sending twice
    is safe: only one delivery can claim a run."""
    now = timezone.now()
    expired = ReportRun.objects.filter(status=RunStatus.BUILDING, lease_expires_at__lt=now)
    failed = expired.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=RunStatus.FAILED,
        failure_reason=_(
            "The build stopped without finishing {attempts} times (its worker was stopped or "
            "restarted). Retry to build it again."
        ).format(attempts=MAX_ATTEMPTS),
        finished_at=now,
        lease_expires_at=None,
    )
    resend = list(expired.filter(attempts__lt=MAX_ATTEMPTS))
    resend += list(
        ReportRun.objects.filter(status=RunStatus.QUEUED, created_at__lt=now - queued_for)
    )
    sent = sum(report_run_send(run=run) for run in resend)
    return {"failed": failed, "sent": sent}
