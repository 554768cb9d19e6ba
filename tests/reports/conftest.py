"""Fixtures for the annual report tests: files in a temporary folder, jobs run in-process."""

import datetime

import pytest

from reports.models import ReportRun
from tests.factories import (
    ActionFactory,
    DeliveryPeriodFactory,
    DeliveryPlanFactory,
    IndicatorFactory,
    ObservationFactory,
    ThemeFactory,
    UserFactory,
)

AS_AT = datetime.date(2025, 3, 31)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor")


@pytest.fixture
def small_plan(db):
    """A two-action plan: builds in about a second, for tests about the workflow."""
    plan = DeliveryPlanFactory(slug="small-plan", start_year=2024, end_year=2027)
    period = DeliveryPeriodFactory(plan=plan, slug="2024")
    ActionFactory.create_batch(2, plan=plan, period=period)
    indicator = IndicatorFactory(plan=plan, theme=ThemeFactory(strategy=plan.strategy, number=1))
    ObservationFactory(indicator=indicator, is_baseline=True)
    return plan


@pytest.fixture
def build(client, django_capture_on_commit_callbacks):
    """Post the build form and run the queued job as the commit would (the test runs in a
    transaction that never commits)."""

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return _request(client, **overrides)

    return post


def _request(client, **overrides):
    data = {
        "plan": "2024-2027",
        "year": "2024",
        "as_at": AS_AT.isoformat(),
        "languages": ["en"],
        "introduction_en": "Our first report on the 2024 to 2027 plan.",
        "introduction_cy": "",
    }
    data.update(overrides)
    return client.post("/staff/reports/", data)


@pytest.fixture
def editions(build, client, editor, small_plan):
    """English and Welsh editions of the same report, built and ready, not published."""
    client.force_login(editor)
    build(plan="small-plan", languages=["en", "cy"])
    runs = {run.language: run for run in ReportRun.objects.all()}
    assert {run.status for run in runs.values()} == {"ready"}
    return runs


@pytest.fixture
def publish(client, django_capture_on_commit_callbacks):
    """Confirm publishing on the staff page. The job that makes the final editions runs when
    the request commits, as in production (in this process, see jobs_in_process); with
    ``run_job=False`` it never runs, and the runs stay "being published"."""

    def post(run, *, run_job=True, **data):
        with django_capture_on_commit_callbacks(execute=run_job):
            return client.post(f"/staff/reports/{run.pk}/publish/", {"change_note": "", **data})

    return post
