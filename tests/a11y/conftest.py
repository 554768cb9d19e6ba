"""Browser fixtures for the accessibility tests: Debian's Chromium driven by Playwright.

One browser for all the tests here, a fresh context (cookies, viewport, JavaScript setting) for
each test. axe-core comes from npm. A missing component skips with the command that installs it;
under CI=true the skip counts as a failure (tests/conftest.py).

Jobs (report builds, meeting packs, emails) go to one real Celery worker process for the whole
session (`job_worker`), never run inside the test: on SQLite the test database is then a file
(tests/conftest.py), so that the worker can open it.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def chromium_path() -> Path:
    return Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE_PATH.is_file():
        pytest.skip(f"axe-core is not installed ({AXE_PATH} is missing). Install it with: npm ci")
    return AXE_PATH


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for all the browser tests. Never downloads a browser.

    Scoped to this package rather than the whole session: Playwright's sync API leaves an event
    loop marked as running in this thread until it stops, which would make Django refuse ORM
    calls (and asgiref refuse async_to_sync) in every test that runs after these.
    """
    executable = chromium_path()
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        pytest.skip(
            f"Chromium is not installed ({executable} is missing). "
            "Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the package is a test dependency
        pytest.skip("The playwright Python package is not installed.")

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop unless told it is safe (it is: the loop only drives
    # the browser).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(executable), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser):
    """Make browser contexts for this test; all are closed at its end.

    bypass_csp lets axe's script tag run under the site's strict Content-Security-Policy.
    """
    contexts = []

    def make(**options):
        options.setdefault("bypass_csp", True)
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def site(plan_restored, live_server):
    """The live server's address, with the real plan loaded.

    Transactional, because the server's thread must see the data; the session's plan is put back
    before each test (`plan_restored` in tests/conftest.py).
    """
    return live_server.url


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, tmp_path_factory):
    """One real Celery worker process for the whole browser session (issue 12: browser tests use
    a real worker), on the test database, sharing a media folder with this process."""
    from tests.celery_process import BrowserWorker
    from tracker.celery import app

    worker = BrowserWorker(tmp_path_factory.mktemp("worker"), broker_url=app.conf.broker_url)
    yield worker
    worker.stop()


@pytest.fixture(autouse=True)
def job_worker(_worker_process, settings):
    """Every job a browser test queues, from the live server or the test itself, goes to the real
    worker; none runs in this process (the test fails if one does). The worker's files are served
    from its media folder; ``job_worker.sent`` lists the (task name, id) this test sent."""
    from celery.signals import before_task_publish, task_prerun

    from tracker.celery import app

    worker = _worker_process
    worker.sent, ran_here = [], []

    def sent(sender=None, headers=None, **kwargs):
        worker.sent.append((sender, headers["id"]))

    def ran(sender=None, **kwargs):
        ran_here.append(sender.name)

    before = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = worker.queue
    settings.MEDIA_ROOT = worker.media_root
    worker.outbox_clear()
    before_task_publish.connect(sent, weak=False)
    task_prerun.connect(ran, weak=False)
    try:
        yield worker
        # A job left running would touch the next test's rows (SQLite reuses their ids).
        left = worker.unfinished([task_id for _name, task_id in worker.sent])
    finally:
        before_task_publish.disconnect(sent)
        task_prerun.disconnect(ran)
        app.conf.task_always_eager, app.conf.task_default_queue = before
    assert not ran_here, f"Jobs ran inside the test process, not in the real worker: {ran_here}"
    assert not left, f"The worker left jobs of this test unfinished: {left}\n{worker.log()[-3000:]}"
