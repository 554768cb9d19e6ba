"""The Atom feeds validate offline: feedparser reads them without complaint (not bozo), and
every element Atom requires is there (RFC 4287: the feed's and each entry's id, title and
updated; an author for each entry, here from the feed)."""

from xml.etree import ElementTree as etree  # noqa: N813

import feedparser
import pytest

from tests.api.public_fixtures import PUBLIC_SUMMARY, public_records

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def records(real_plan):
    return public_records(real_plan)


def _feeds(records) -> list[str]:
    action = records["action"]
    return [
        "/feeds/updates.atom",
        f"/feeds/themes/{action.theme.number}.atom",
        f"/feeds/actions/{action.plan.slug}/{action.number}.atom",
        "/feeds/reports.atom",
    ]


def _check_required_elements(body: bytes) -> list:
    feed = etree.fromstring(body)  # noqa: S314 - our own feed
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return entries


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_feed_validates_in_both_languages(client, records, prefix):
    for address in _feeds(records):
        response = client.get(prefix + address)
        assert response.status_code == 200, address
        assert response["Content-Type"].startswith("application/atom+xml")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (address, parsed.get("bozo_exception"))
        entries = _check_required_elements(response.content)
        assert len(entries) == 1, address
        assert "SECRET" not in response.content.decode()
        assert response["Link"].endswith('rel="license"')


def test_the_updates_feed_carries_approved_summaries_in_the_page_language(client, records):
    english = feedparser.parse(client.get("/feeds/updates.atom").content)
    welsh = feedparser.parse(client.get("/cy/feeds/updates.atom").content)
    assert english.entries[0].summary == PUBLIC_SUMMARY
    assert welsh.entries[0].summary == f"Cymraeg: {PUBLIC_SUMMARY}"
    assert welsh.feed.language == "cy"
    assert welsh.entries[0].link.startswith("http://testserver/cy/actions/")


def test_pages_link_to_their_feeds(client, records):
    action = records["action"]
    html = client.get(action.get_absolute_url()).content.decode()
    assert 'type="application/atom+xml" href="/feeds/updates.atom"' in html
    feed = f"/feeds/actions/{action.plan.slug}/{action.number}.atom"
    assert f'type="application/atom+xml" href="{feed}"' in html
    welsh = client.get(f"/cy/themes/{action.theme.number}/").content.decode()
    assert f'href="/cy/feeds/themes/{action.theme.number}.atom"' in welsh


def test_an_unknown_action_or_theme_has_no_feed(client, db):
    assert client.get("/feeds/actions/2024-2027/999.atom").status_code == 404
    assert client.get("/feeds/themes/99.atom").status_code == 404
