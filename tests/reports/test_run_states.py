"""A report run's state changes (claim, requeue, fail), tested at their home in services, and
the task's retry policy around them."""

import datetime

import pytest
from celery.exceptions import Retry
from django.db import OperationalError
from django.utils import timezone

from reports.models import AnnualReport, ReportRun
from reports.services import (
    report_retry,
    report_run_claim,
    report_run_fail,
    report_run_requeue,
)
from reports.tasks import report_build_task

pytestmark = pytest.mark.django_db


def _lease_runs_out(run) -> None:
    ReportRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.fixture
def run(small_plan):
    report = AnnualReport.objects.create(plan=small_plan, year=2024)
    return ReportRun.objects.create(report=report, language="en", as_at=datetime.date(2025, 3, 31))


def _state(run) -> tuple[str, int]:
    run.refresh_from_db()
    return run.status, run.attempts


def test_a_queued_run_is_claimed_once(run):
    claimed = report_run_claim(run_id=run.pk)
    assert claimed == run
    assert claimed.started_at is not None
    assert _state(run) == ("building", 1)
    assert report_run_claim(run_id=run.pk) is None
    assert _state(run) == ("building", 1)


def test_a_build_left_by_a_dead_worker_is_taken_over_once_its_lease_runs_out(run, settings):
    report_run_claim(run_id=run.pk)
    run.refresh_from_db()
    lease = run.lease_expires_at - run.started_at
    assert lease == datetime.timedelta(seconds=settings.REPORT_LEASE_SECONDS)
    assert report_run_claim(run_id=run.pk) is None  # its worker still holds the lease
    _lease_runs_out(run)
    assert report_run_claim(run_id=run.pk) == run
    assert _state(run) == ("building", 2)


@pytest.mark.parametrize("status", ["ready", "failed"])
def test_a_finished_run_is_never_claimed(run, status):
    ReportRun.objects.filter(pk=run.pk).update(status=status)
    _lease_runs_out(run)
    assert report_run_claim(run_id=run.pk) is None
    assert _state(run) == (status, 0)


def test_requeue_hands_back_only_a_building_run(run):
    assert report_run_requeue(run_id=run.pk) is False  # still queued
    report_run_claim(run_id=run.pk)
    assert report_run_requeue(run_id=run.pk) is True
    assert _state(run) == ("queued", 1)
    # Claimed again, it counts a second attempt.
    assert report_run_claim(run_id=run.pk) == run
    assert _state(run) == ("building", 2)


def test_fail_marks_a_queued_or_building_run_and_keeps_the_reason(run):
    assert report_run_fail(run_id=run.pk, reason="x" * 3000) is True
    run.refresh_from_db()
    assert (run.status, len(run.failure_reason)) == ("failed", 2000)
    assert run.finished_at is not None


def test_fail_leaves_a_ready_run_as_it_is(run):
    ReportRun.objects.filter(pk=run.pk).update(status="ready")
    assert report_run_fail(run_id=run.pk, reason="late error") is False
    run.refresh_from_db()
    assert (run.status, run.failure_reason) == ("ready", "")


def test_a_failed_or_waiting_run_can_be_retried_but_not_one_building(
    run, editor, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    # Queued and never taken (the broker was down): Retry sends it again.
    with django_capture_on_commit_callbacks() as callbacks:
        report_retry(run=run, user=editor)
    assert len(callbacks) == 1
    report_run_claim(run_id=run.pk)
    with pytest.raises(ValidationError):
        report_retry(run=run, user=editor)
    report_run_fail(run_id=run.pk, reason="broken")
    with django_capture_on_commit_callbacks() as callbacks:
        report_retry(run=run, user=editor)
    run.refresh_from_db()
    assert (run.status, run.failure_reason) == ("queued", "")
    assert len(callbacks) == 1  # the build is queued again once the retry commits


# The task: claim, build, and retry only what is transient.


def test_a_transient_error_is_retried_and_the_run_then_builds(run, monkeypatch):
    calls = []

    def flaky_build(*, run):
        calls.append(run.pk)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        ReportRun.objects.filter(pk=run.pk).update(status="ready")
        return run

    monkeypatch.setattr("reports.tasks.report_build", flaky_build)
    with pytest.raises(Retry):
        report_build_task.apply(args=[run.pk]).get()
    assert _state(run) == ("queued", 1)  # handed back for the retry to claim
    # The retry Celery scheduled, delivered.
    assert report_build_task.apply(args=[run.pk], retries=1).get() == "ready"
    assert _state(run) == ("ready", 2)


def test_a_transient_error_that_persists_fails_the_run_after_the_last_retry(run, monkeypatch):
    def broken_build(*, run):
        raise OperationalError("database is locked")

    monkeypatch.setattr("reports.tasks.report_build", broken_build)
    last = report_build_task.max_retries
    for retries in range(last):
        with pytest.raises(Retry):
            report_build_task.apply(args=[run.pk], retries=retries).get()
        assert _state(run) == ("queued", retries + 1)
    with pytest.raises(OperationalError):
        report_build_task.apply(args=[run.pk], retries=last).get()
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("failed", last + 1)
    assert "database is locked" in run.failure_reason


def test_a_data_error_fails_the_run_without_a_retry(run, monkeypatch):
    def bad_build(*, run):
        raise KeyError("missing_field")

    monkeypatch.setattr("reports.tasks.report_build", bad_build)
    assert report_build_task.apply(args=[run.pk]).get() == "failed"
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("failed", 1)
    assert run.failure_reason == "KeyError: 'missing_field'"
