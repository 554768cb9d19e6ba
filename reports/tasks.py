"""Celery tasks for the annual report: fetch, call the service, and the retry policy.

The run's state changes (claim, requeue, fail) are services in reports.services.
"""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from reports.services import (
    report_build,
    report_run_claim,
    report_run_fail,
    report_run_requeue,
    report_runs_recover,
)

logger = logging.getLogger(__name__)

SOFT_LIMIT = 240
HARD_LIMIT = 300
# Only these are worth another try: the database or broker hiccupped. Template and data errors
# would fail the same way again.
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
    # A redelivery after a dead worker may take the run over once the hard time limit shows the
    # first attempt cannot still be running.
    run = report_run_claim(run_id=run_id, stale_after=datetime.timedelta(seconds=HARD_LIMIT))
    if run is None:
        return "skipped: already built or being built"
    try:
        report_build(run=run)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            report_run_fail(
                run_id=run_id,
                reason=_("The database or message broker kept failing: {error}").format(error=exc),
            )
            raise
        report_run_requeue(run_id=run_id)
        raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        report_run_fail(
            run_id=run_id,
            reason=_("The build took longer than {seconds} seconds and was stopped.").format(
                seconds=SOFT_LIMIT
            ),
        )
        return "failed: time limit"
    except Exception as exc:  # noqa: BLE001 - template and data errors are not retried
        logger.exception("Report run %s failed", run_id)
        report_run_fail(run_id=run_id, reason=f"{type(exc).__name__}: {exc}")
        return "failed"
    return "ready"


@shared_task
def report_runs_recover_task() -> int:
    return report_runs_recover(stale_after=datetime.timedelta(seconds=HARD_LIMIT * 2))
