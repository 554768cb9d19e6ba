"""Publishing a report whose Welsh edition still shows English (issue 14): the Editor is
warned with the count of English passages, and may still publish."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from reports.selectors import english_fallback_count

pytestmark = pytest.mark.django_db


def _english_passages(run) -> int:
    html = (Path(settings.MEDIA_ROOT) / run.html_file).read_text(encoding="utf-8")
    tags = re.findall(r"<[a-z][^>]*\slang=\"en\"[^>]*>", html)
    return sum("hreflang" not in tag for tag in tags)


def test_the_publish_page_warns_with_the_count_of_english_passages_and_still_publishes(
    publish, client, editions
):
    english, welsh = editions["en"], editions["cy"]
    # The small plan's factories write English only, so the Welsh edition falls back.
    count = _english_passages(welsh)
    assert count > 0
    assert english_fallback_count(run=welsh) == count
    assert english_fallback_count(run=english) == 0
    page = client.get(f"/staff/reports/{english.pk}/publish/").content.decode()
    assert f"The Welsh edition still shows {count} passages in English" in page
    assert 'href="/staff/welsh/"' in page
    assert publish(english, confirm="on").status_code == 302  # a warning, not a refusal
    welsh.refresh_from_db()
    assert welsh.published_at


def test_no_warning_when_the_welsh_edition_is_all_welsh(client, editions):
    welsh = editions["cy"]
    path = Path(settings.MEDIA_ROOT) / welsh.html_file
    path.write_text('<html lang="cy"><a href="/en/" hreflang="en" lang="en">English</a></html>')
    assert english_fallback_count(run=welsh) == 0
    page = client.get(f"/staff/reports/{welsh.pk}/publish/").content.decode()
    assert "passages in English" not in page and "passage in English" not in page
