import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from reports.models import ReportRun, RunStatus
from reports.services import report_build, report_fail

logger = logging.getLogger(__name__)

SOFT_LIMIT = 240
HARD_LIMIT = 300
TRANSIENT = (OperationalError, InterfaceError, BrokerError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_LIMIT,
    time_limit=HARD_LIMIT,
    max_retries=4,
)
def report_build_task(self, run_id: int) -> str:
    """Build one report run. Safe to deliver twice: only one delivery claims the run."""
    now = timezone.now()
    claimed = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.BUILDING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        # Redelivered after its worker died mid-build: take it over once the hard time
        # limit shows the first attempt cannot still be running.
        stale = now - datetime.timedelta(seconds=HARD_LIMIT)
        claimed = ReportRun.objects.filter(
            pk=run_id, status=RunStatus.BUILDING, started_at__lt=stale
        ).update(started_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped: already built or being built"
    run = ReportRun.objects.select_related("report", "report__plan").get(pk=run_id)
    try:
        report_build(run=run)
    except TRANSIENT as exc:
        # The database or broker hiccupped: hand the run back and try again later.
        if self.request.retries >= self.max_retries:
            report_fail(
                run_id=run_id,
                reason=_("The database or message broker kept failing: {error}").format(error=exc),
            )
            raise
        ReportRun.objects.filter(pk=run_id, status=RunStatus.BUILDING).update(
            status=RunStatus.QUEUED
        )
        raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        report_fail(
            run_id=run_id,
            reason=_("The build took longer than {seconds} seconds and was stopped.").format(
                seconds=SOFT_LIMIT
            ),
        )
        return "failed: time limit"
    except Exception as exc:  # noqa: BLE001 - template and data errors are not retried
        logger.exception("Report run %s failed", run_id)
        report_fail(run_id=run_id, reason=f"{type(exc).__name__}: {exc}")
        return "failed"
    return "ready"


@shared_task
def report_runs_recover_task() -> int:
    from datetime import timedelta

    from reports.services import report_runs_recover

    return report_runs_recover(stale_after=timedelta(seconds=HARD_LIMIT * 2))
