"""Report builds under faults, against real workers and a redis-server the test starts on its
own port (never CI's shared one): nothing is left stuck (issue 12)."""

import contextlib
import datetime
import signal
import time

import pytest
from django.db import connection

from reports.models import ReportRun
from reports.services import report_request, report_runs_recover
from tests.celery_process import OwnRedis, start_worker, stop, wait_for
from tests.factories import UserFactory
from tracker.celery import app

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("plan_restored"),
]

LEASE = 3  # seconds: the workers here renew their lease every second


@pytest.fixture
def own_redis():
    if connection.vendor == "sqlite":
        pytest.skip("The workers need a database server they can share with the tests.")
    redis = OwnRedis()
    redis.start()
    yield redis
    redis.stop()


@contextlib.contextmanager
def publishing_to(url: str, queue: str):
    """This process's Celery app sends to the test's own broker and queue meanwhile."""
    saved = app.conf.broker_url, app.conf.task_default_queue

    def reset_pools():
        # Celery keeps producer pools for the broker it first connected to.
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.broker_url, app.conf.task_default_queue = url, queue
    reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_default_queue = saved
        reset_pools()


def _status(run) -> str:
    run.refresh_from_db()
    return run.status


def test_a_build_completes_after_its_worker_is_killed_mid_build(own_redis, real_plan, settings):
    editor = UserFactory(role="Editor")
    first, queue = start_worker(broker_url=own_redis.url, REPORT_LEASE_SECONDS=LEASE)
    second = None
    try:
        with publishing_to(own_redis.url, queue):
            run, _ = report_request(
                plan_slug=real_plan.slug,
                year=2024,
                as_at=datetime.date(2025, 3, 31),
                language="en",
                user=editor,
            )
            assert wait_for(lambda: _status(run) != "queued", timeout=120, step=0.1)
            assert run.status == "building", (run.status, run.build_seconds, run.failure_reason)
            first.send_signal(signal.SIGKILL)
            first.wait()
            assert _status(run) == "building"  # the dead worker's run, still held by its lease
            time.sleep(LEASE + 1)
            # A new worker recovers what the crash left as soon as it starts.
            second, _ = start_worker(
                broker_url=own_redis.url, queue=queue, REPORT_LEASE_SECONDS=LEASE
            )
            assert wait_for(lambda: _status(run) in ("ready", "failed"), timeout=180)
    finally:
        stop(first)
        if second is not None:
            stop(second)
    assert run.status == "ready", run.failure_reason
    assert run.attempts == 2 and len(run.pdf_sha256) == 64


def test_broker_down_during_a_request_says_so_and_the_run_completes_later(
    own_redis, real_plan, client
):
    editor = UserFactory(role="Editor")
    worker, queue = start_worker(broker_url=own_redis.url, REPORT_LEASE_SECONDS=LEASE)
    try:
        with publishing_to(own_redis.url, queue):
            own_redis.stop()
            client.force_login(editor)
            started = time.monotonic()
            response = client.post(
                "/staff/reports/",
                {"plan": real_plan.slug, "year": "2024", "as_at": "2025-03-31", "languages": "en"},
                follow=True,
            )
            answered_in = time.monotonic() - started
            assert response.status_code == 200
            assert "will start building as soon as it is back" in response.content.decode()
            assert answered_in < 15, f"the request took {answered_in:.1f} s"
            run = ReportRun.objects.get()
            assert run.status == "queued"
            # Public pages still answer while the broker is down.
            assert client.get("/cy/").status_code == 200
            own_redis.start()
            # The recovery job (beat, every minute) sends waiting runs again; run it here.
            assert wait_for(
                lambda: report_runs_recover(queued_for=datetime.timedelta(0))["sent"] == 1,
                timeout=30,
                step=1,
            )
            assert wait_for(lambda: _status(run) in ("ready", "failed"), timeout=180)
    finally:
        stop(worker)
    assert run.status == "ready", run.failure_reason
