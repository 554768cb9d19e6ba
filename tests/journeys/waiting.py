"""Waiting for a job as the person does: the page says it is under way, and they reload it.

The jobs run in the session's real Celery worker (tests/a11y/conftest.py `job_worker`), so a
journey waits for the page to say the job is done, with a clear message if it never does.
"""

import time

from playwright.sync_api import Locator

# A report edition takes a few seconds alone; two editions on a busy 2-core machine, longer.
JOB_TIMEOUT = 240


def reload_until(locator: Locator, *, what: str, timeout: float = JOB_TIMEOUT) -> None:
    """Reload the page every second or so until ``locator`` matches something visible.

    Reloading sooner than the pages' own 5-second refresh means that refresh never fires in
    the middle of a check."""
    page = locator.page
    deadline = time.monotonic() + timeout
    while not (locator.count() and locator.first.is_visible()):
        if time.monotonic() > deadline:
            shown = " ".join(page.locator("main").inner_text().split())[:600]
            raise AssertionError(
                f"Waited {timeout:.0f} s for {what}, reloading {page.url}; it still shows: {shown}"
            )
        page.wait_for_timeout(1000)
        page.reload()
