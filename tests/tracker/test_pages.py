import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from tests.factories import (
    ActionFactory,
    DeliveryPeriodFactory,
    DeliveryPlanFactory,
    ThemeFactory,
)
from themes.models import Theme

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs)


def _parse(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def _crawl(client, start: str) -> dict[str, _Page]:
    seen: dict[str, _Page] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            seen[url] = None
            continue
        seen[url] = page = _parse(response)
        for link in page.links:
            target = urljoin(url, link["href"])
            parsed = urlparse(target)
            if parsed.netloc or parsed.path.startswith(("/admin", "/cy/admin", "/static")):
                continue
            if link.get("hreflang"):
                continue  # the other language is checked page by page below
            queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return seen


@pytest.mark.parametrize(("start", "lang", "other"), [("/", "en", "cy"), ("/cy/", "cy", "en")])
def test_crawl_reaches_every_public_page_in_one_language(client, real_plan, start, lang, other):
    pages = _crawl(client, start)
    html_pages = {url: page for url, page in pages.items() if page is not None}
    # Home, 7 themes, 41 actions, the actions list, 21 indicators and their list.
    assert len(html_pages) >= 1 + 7 + 41 + 1 + 21 + 1
    for url, page in html_pages.items():
        assert page.lang == lang, url
        switch = [link for link in page.links if link.get("hreflang") == other]
        assert switch, f"{url} has no link to the {other} page"
        expected = url.removeprefix("/cy") if lang == "cy" else "/cy" + url
        assert switch[0]["href"] == expected, url
        if lang == "en":
            assert not url.startswith("/cy/")


def test_welsh_pages_mark_english_fallback_content(client, real_plan):
    # The real plan has a Welsh translation: take one text's Welsh away to see the fallback.
    Theme.objects.filter(number=1).update(ambition_cy="")
    body = client.get("/cy/themes/1/").content.decode()
    assert '<span lang="en">The health and social care workforce will feel valued' in body
    assert "Gofal Cymdeithasol Cymru" not in client.get("/themes/1/").content.decode()


def test_action_page_shows_text_sub_points_owners_and_period(client, real_plan):
    body = client.get("/actions/2024-2027/2/").content.decode()
    assert "Establish a framework that makes sure there&#x27;s parity" in body
    assert "for social workers, through the Welsh Local Government Association (WLGA)" in body
    assert "Welsh Local Government Association (Lead)" in body
    # Action 2 names its owners in its points, so the "names no owner" note is not shown.
    assert "the plan names no owner" not in body
    assert "During 2024" in body
    assert "31 December 2024" in body


def test_theme_4_says_why_it_has_no_indicators(client, real_plan):
    body = client.get("/themes/4/").content.decode()
    assert "No indicators yet." in body
    assert "following the digital maturity and literacy assessment" in body


def test_status_is_always_written_in_words(client, real_plan):
    body = client.get("/").content.decode()
    tags = re.findall(r'<span class="app-tag [^"]*">([^<]*)</span>', body)
    assert tags and all(tag.strip() for tag in tags)


@pytest.mark.parametrize(
    "url", ["/nothing-here/", "/themes/99/", "/actions/2024-2027/99/", "/indicators/999/"]
)
def test_missing_pages_are_404_in_the_site_layout(client, real_plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_bad_filter_shows_an_error_summary_linked_to_the_field(client, real_plan):
    response = client.get("/actions/", {"theme": "eight"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert '<a href="#id_theme">Theme: “eight” is not a choice for “Theme”.' in body
    assert 'aria-describedby="id_theme-error"' in body


def test_list_download_links_keep_the_filters(client, real_plan):
    body = client.get("/actions/", {"theme": "2", "period": "2024"}).content.decode()
    # The list shows the current plan unless told otherwise, and its download says so.
    assert 'href="/data/actions.csv?theme=2&amp;period=2024&amp;plan=2024-2027"' in body
    assert "4 actions found." in body


@pytest.mark.parametrize("url", ["/", "/actions/", "/themes/1/", "/indicators/"])
def test_page_query_count_does_not_grow_with_the_data(client, django_assert_max_num_queries, url):
    plan = DeliveryPlanFactory(start_year=2030, end_year=2031)
    period = DeliveryPeriodFactory(plan=plan)
    theme = ThemeFactory(strategy=plan.strategy, number=1)
    ActionFactory.create_batch(3, plan=plan, period=period, theme=theme)
    with django_assert_max_num_queries(50) as small:
        assert client.get(url).status_code == 200
    ActionFactory.create_batch(25, plan=plan, period=period, theme=theme)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
