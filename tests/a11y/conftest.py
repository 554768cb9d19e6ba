"""Browser fixtures for the accessibility tests: Debian's Chromium driven by Playwright.

One browser for all the tests here, a fresh context (cookies, viewport, JavaScript setting) for
each test. axe-core comes from npm. A missing component skips with the command that installs it;
under CI=true the skip counts as a failure (tests/conftest.py).
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
