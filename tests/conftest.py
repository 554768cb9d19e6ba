import os
from itertools import chain
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
PLAN_FIXTURE = ROOT / "fixtures" / "plan-2024-2027.json"
PLAN_SOURCE = ROOT / "fixtures" / "sources" / "social-care-workforce-delivery-plan-2024-2027.txt"
PLAN_SLUG = "2024-2027"
# The apps whose tables load_plan fills, and those that point at them.
_PLAN_APPS = ("themes", "actions", "measures", "reports")

# The slow suites, each run on its own by bin/test with its own time budget.
_BROWSER_DIRS = ("a11y", "journeys")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark the browser suites by folder, before -m selects (hence tryfirst)."""
    tests = ROOT / "tests"
    for item in items:
        parts = item.path.relative_to(tests).parts if item.path.is_relative_to(tests) else ()
        if parts and parts[0] in _BROWSER_DIRS:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failure: a missing component must not pass quietly."""
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CI", "").lower() == "true"
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"Skipped under CI=true, which counts as a failure: {reason}"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache.

    The open data is cached under its data version, which counts history rows; tests that roll
    back reuse the same counts with different rows, which no live database does.
    """
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def jobs_in_process(request):
    """Queued jobs run inside the test, even when REDIS_URL is set (CI's second run): the tests
    are about what the jobs do. The real-worker tests (marked celery_worker) and the browser
    tests (marked browser, tests/a11y/conftest.py `job_worker`) send them to real workers, as
    production does."""
    if request.node.get_closest_marker("celery_worker") or request.node.get_closest_marker(
        "browser"
    ):
        yield
        return
    from tracker.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch):
    """`client.force_login` stands for a finished sign-in, the second factor included: the
    session is marked verified with a real TOTP device (tests/two_factor.py). The two-factor
    tests sign in through the forms instead."""
    from django.test import Client

    from tests.two_factor import force_login_verified

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test ends back in the default language.

    A request to a /cy/ page leaves Welsh active in this thread (LocaleMiddleware activates it
    and nothing deactivates it), and a management command called next would answer in Welsh.
    """
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request, tmp_path_factory):
    """With browser tests in the run, SQLite's test database is a file rather than memory, so
    the real worker those tests send their jobs to (tests/a11y/conftest.py) opens it too.
    (A PostgreSQL test database is open to it already.)"""
    from django.conf import settings

    database = settings.DATABASES["default"]
    browser = any(item.get_closest_marker("browser") for item in request.session.items)
    if browser and database["ENGINE"].endswith("sqlite3"):
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
        # A throwaway file: no waiting for the disk at each commit. WAL lets the worker read
        # while the tests write.
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test databases with the real 2024 to 2027 plan loaded once, as production loads it.

    Every test's transaction rolls back to this state. Transactional tests (live server, real
    worker) end by emptying the database, so the rows load_plan wrote are kept here as a
    snapshot for `plan_restored`. pytest-django orders transactional tests after every other
    database test, so none of those ever finds the database emptied.
    """
    from django.apps import apps

    with django_db_blocker.unblock():
        empty = [m for m in apps.get_models() if not m._base_manager.exists()]
        with open(os.devnull, "w") as quiet:
            call_command("load_plan", str(PLAN_FIXTURE), stdout=quiet)
        written = [m for m in empty if m._base_manager.exists()]
        rows = serializers.serialize(
            "json", chain.from_iterable(m._base_manager.order_by("pk") for m in written)
        )
    return written, rows


@pytest.fixture
def real_plan(db):
    """The real 2024 to 2027 plan, loaded once for the session by django_db_setup."""
    from actions.models import DeliveryPlan

    return DeliveryPlan.objects.get(slug=PLAN_SLUG)


@pytest.fixture
def plan_restored(django_db_setup, transactional_db):
    """For a transactional test: the session's plan rows are put back before it.

    A transactional test that follows another would otherwise find the database emptied. The
    rows are restored by hand rather than by Django's serialized rollback, whose copy lives on
    the connection object, and Playwright's greenlets see a different one.
    """
    written, rows = django_db_setup
    connection = connections["default"]
    connection.creation.deserialize_db_from_string(rows)
    # The rows keep their ids: move each table's id sequence past them (PostgreSQL).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), written):
            cursor.execute(sql)


@pytest.fixture
def no_plan(db):
    """A database as before `load_plan`: the plan's apps are emptied (ids start again at 1)
    inside this test's transaction, and the session's plan comes back when it rolls back."""
    from django.apps import apps

    connection = connections["default"]
    tables = [
        model._meta.db_table
        for app in _PLAN_APPS
        for model in apps.get_app_config(app).get_models()
    ]
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    )
