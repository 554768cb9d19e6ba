"""A real Celery worker, in its own process, takes a job from Redis and reads the database."""

import datetime

import pytest
from django.conf import settings
from django.db import connection

from tests.celery_process import start_worker, stop
from tracker.tasks import worker_check

# The worker reads committed rows, so the test commits; plan_restored puts the session's plan
# back first (tests/conftest.py).
pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("plan_restored"),
]


@pytest.fixture
def worker():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: there is no broker for a worker to use.")
    if connection.vendor == "sqlite":
        pytest.skip("The worker needs a database server it can share with the tests.")
    process, queue = start_worker(broker_url=settings.REDIS_URL)
    yield queue
    stop(process)


def test_worker_runs_a_job_from_redis_against_the_database(worker, real_plan):
    result = worker_check.apply_async(queue=worker)
    assert result.get(timeout=60) == {"status": "ok", "actions": 41}


def test_report_is_built_by_a_real_worker_through_redis(worker, real_plan):
    import time

    from reports.services import report_request
    from tests.factories import UserFactory
    from tracker.celery import app

    editor = UserFactory(role="Editor")
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = worker  # only this test's worker takes the job
    try:
        run, created = report_request(
            plan_slug="2024-2027",
            year=2024,
            as_at=datetime.date(2025, 3, 31),
            language="cy",
            user=editor,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status in ("ready", "failed"):
                break
            time.sleep(1)
    finally:
        app.conf.task_default_queue = default_queue
    assert created
    assert run.status == "ready", run.failure_reason
    assert run.attempts == 1
    assert len(run.pdf_sha256) == 64
