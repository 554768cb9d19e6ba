"""Fixtures for the browser journeys: the accessibility tests' Chromium, contexts and live site.

The fixtures are imported from tests/a11y/conftest.py rather than copied, so both packages
drive the same browser the same way (one live server for the whole run). Report builds run
in-process, as in tests/reports/, and write their files into a temporary folder.
"""

import pytest

from tests.a11y.conftest import browser, new_context, site  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
