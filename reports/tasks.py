"""Celery tasks for the annual report: fetch, call the service, and the retry policy.

The run's state changes (claim, requeue, fail) are services in reports.services; publishing's
(finish, fail, recover) in reports.publishing.
"""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from reports.publishing import (
    report_publication_fail,
    report_publication_finish,
    report_publications_recover,
)
from reports.services import (
    LeaseLost,
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


def _with_retry_policy(task, *, work, fail, requeue=None, too_long: str) -> str:
    """Run a job's ``work`` under the one retry policy: a transient error is tried again with
    back-off (``requeue`` first hands the run back), and failed once the retries are used up;
    the time limit or any other error fails it at once, with ``fail(reason)``."""
    try:
        return work()
    except TRANSIENT as exc:
        if task.request.retries >= task.max_retries:
            fail(_("The database or message broker kept failing: {error}").format(error=exc))
            raise
        if requeue is not None:
            requeue()
        raise task.retry(exc=exc, countdown=min(300, 10 * 2**task.request.retries)) from exc
    except SoftTimeLimitExceeded:
        fail(too_long.format(seconds=SOFT_LIMIT))
        return "failed: time limit"
    except Exception as exc:  # noqa: BLE001 - template and data errors are not retried
        logger.exception("Report job %s%s failed", task.name, tuple(task.request.args or ()))
        fail(f"{type(exc).__name__}: {exc}")
        return "failed"


JOB = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": SOFT_LIMIT,
    "time_limit": HARD_LIMIT,
    "max_retries": 4,
}


@shared_task(**JOB)
def report_build_task(self, run_id: int) -> str:
    """Build one report run. Safe to deliver twice: only one delivery claims the run."""
    # A redelivery after a dead worker takes the run over once the worker's lease has run out.
    run = report_run_claim(run_id=run_id)
    if run is None:
        return "skipped: already built or being built"

    def build() -> str:
        try:
            report_build(run=run)
        except LeaseLost:
            return "skipped: another worker took the run over"
        return "ready"

    return _with_retry_policy(
        self,
        work=build,
        fail=lambda reason: report_run_fail(run_id=run_id, reason=reason),
        requeue=lambda: report_run_requeue(run_id=run_id),
        too_long=_("The build took longer than {seconds} seconds and was stopped."),
    )


@shared_task(**JOB)
def report_publish_task(self, run_ids: list[int]) -> str:
    """Make the final editions of a publication and publish them together. Safe to deliver
    twice: the render is the same, and only the first delivery to finish publishes."""

    def publish() -> str:
        published = report_publication_finish(run_ids=run_ids)
        return "published" if published else "skipped: already published or handed back"

    return _with_retry_policy(
        self,
        work=publish,
        fail=lambda reason: report_publication_fail(run_ids=run_ids, reason=reason),
        too_long=_("Publishing took longer than {seconds} seconds and was stopped."),
    )


# A queued run older than this never reached a worker (the broker was down): send it again.
QUEUED_FOR = datetime.timedelta(minutes=2)
# A publication takes seconds; one waiting longer was lost on the way: send it again, and
# after an hour hand it back to the Editor instead of leaving it "being published".
PUBLISHING_FOR = datetime.timedelta(minutes=5)
PUBLISHING_GIVE_UP = datetime.timedelta(hours=1)


@shared_task
def report_runs_recover_task() -> dict:
    return {
        **report_runs_recover(queued_for=QUEUED_FOR),
        **report_publications_recover(waiting_for=PUBLISHING_FOR, give_up_after=PUBLISHING_GIVE_UP),
    }


@worker_ready.connect
def _recover_when_a_worker_starts(**kwargs) -> None:
    # A worker that starts after a crash picks up what the crash left, without waiting for beat.
    report_runs_recover_task.delay()
