"""Nothing stays stuck: a run whose worker died, or that never reached the broker, is sent
again or marked failed with a working Retry (reports.services, issue 12)."""

import datetime

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from reports.models import AnnualReport, ReportRun
from reports.services import (
    MAX_ATTEMPTS,
    LeaseLost,
    report_build,
    report_run_claim,
    report_runs_recover,
)

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2025, 3, 31)
QUEUED_FOR = datetime.timedelta(minutes=2)


@pytest.fixture
def report(small_plan):
    return AnnualReport.objects.create(plan=small_plan, year=2024)


def _run(report, language="en", **fields):
    return ReportRun.objects.create(report=report, language=language, as_at=AS_AT, **fields)


@pytest.fixture
def sent(monkeypatch):
    """The runs handed to the queue, instead of a broker."""
    runs = []
    monkeypatch.setattr("reports.tasks.report_build_task.delay", runs.append)
    return runs


def test_a_build_whose_worker_died_is_sent_again(report, sent):
    past = timezone.now() - datetime.timedelta(seconds=5)
    run = _run(report, status="building", attempts=1, started_at=past, lease_expires_at=past)
    assert report_runs_recover(queued_for=QUEUED_FOR) == {"failed": 0, "sent": 1}
    assert sent == [run.pk]
    # The redelivery takes it over, its lease having run out.
    assert report_run_claim(run_id=run.pk) == run


def test_a_build_that_keeps_losing_its_worker_is_failed_with_a_reason(report, sent):
    past = timezone.now() - datetime.timedelta(seconds=5)
    run = _run(
        report, status="building", attempts=MAX_ATTEMPTS, started_at=past, lease_expires_at=past
    )
    assert report_runs_recover(queued_for=QUEUED_FOR) == {"failed": 1, "sent": 0}
    run.refresh_from_db()
    assert run.status == "failed" and "Retry" in run.failure_reason


def test_a_build_that_holds_its_lease_is_left_alone(report, sent):
    now = timezone.now()
    _run(
        report,
        status="building",
        attempts=1,
        started_at=now - datetime.timedelta(hours=1),  # long, but its worker is alive
        lease_expires_at=now + datetime.timedelta(seconds=30),
    )
    assert report_runs_recover(queued_for=QUEUED_FOR) == {"failed": 0, "sent": 0}


def test_a_run_that_never_reached_the_broker_is_sent_again(report, sent):
    old = _run(report, created_at=timezone.now() - QUEUED_FOR - datetime.timedelta(seconds=1))
    _run(report, language="cy")  # queued a moment ago: its message may still be on its way
    assert report_runs_recover(queued_for=QUEUED_FOR) == {"failed": 0, "sent": 1}
    assert sent == [old.pk]


def test_a_worker_that_lost_its_lease_does_not_overwrite_the_run(report, monkeypatch):
    run = _run(report)
    first = report_run_claim(run_id=run.pk)
    ReportRun.objects.filter(pk=run.pk).update(lease_expires_at=timezone.now())
    second = report_run_claim(run_id=run.pk)  # another worker takes it over
    assert second.attempts == first.attempts + 1
    monkeypatch.setattr(
        "reports.services.report_render",
        lambda **kwargs: {"html": "<p>stale</p>", "pdf": b"%PDF stale", "pages": 1},
    )
    with pytest.raises(LeaseLost):
        report_build(run=first)
    run.refresh_from_db()
    assert (run.status, run.pdf_sha256) == ("building", "")


# The heartbeat renews the lease on its own database connection, so the run must be committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("plan_restored")
def test_the_lease_is_renewed_while_the_build_runs(report, monkeypatch, settings):
    settings.REPORT_LEASE_SECONDS = 0.6  # renewed every 0.2 s
    run = report_run_claim(run_id=_run(report).pk)
    first_lease = run.lease_expires_at
    seen = []

    def slow_render(**kwargs):
        import time

        time.sleep(0.7)
        seen.append(ReportRun.objects.get(pk=run.pk).lease_expires_at)
        return {"html": "<p>x</p>", "pdf": b"%PDF x", "pages": 1}

    monkeypatch.setattr("reports.services.report_render", slow_render)
    report_build(run=run)
    assert seen[0] > first_lease  # renewed during the build, so nobody took it over
    run.refresh_from_db()
    assert run.status == "ready" and run.lease_expires_at is None


# Committed for real, as in production: the job is sent when the request's write commits.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("plan_restored")
def test_broker_down_when_requesting_keeps_the_run_queued_and_says_so(
    client, real_plan, editor, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("reports.tasks.report_build_task.delay", broker_down)
    client.force_login(editor)
    response = client.post(
        "/staff/reports/",
        {"plan": real_plan.slug, "year": "2024", "as_at": "2024-12-31", "languages": ["en", "cy"]},
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "will start building as soon as it is back" in body
    # Both editions are queued, not lost, for the recovery job or Retry to send again.
    assert ReportRun.objects.filter(status="queued").count() == 2
