"""Fixtures for the browser journeys: the accessibility tests' Chromium, contexts and live site.

The fixtures are imported from tests/a11y/conftest.py rather than copied, so both packages
drive the same browser the same way (one live server for the whole run). Report builds,
meeting packs and emails are jobs that the one real Celery worker of the session runs
(`job_worker`), as in production; it writes its files into the media folder the site serves.
"""

from tests.a11y.conftest import (  # noqa: F401 (fixtures)
    _worker_process,
    browser,
    job_worker,
    new_context,
    site,
)
