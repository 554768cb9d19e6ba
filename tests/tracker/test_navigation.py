"""The header and footer: each person sees the links they may follow, and only those; the
current page is marked; the 403 and 500 pages say what to do next."""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from actions.models import Organisation
from tests.conftest import ROOT
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "sig", "editor", "editor_without_admin", "administrator"]


class _Links(HTMLParser):
    """The links in the page's header, navigation and footer (not the page's own content)."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <header>, <nav> or <footer> outside <main>
        self.in_main = False
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif tag in ("header", "nav", "footer") and not self.in_main:
            self.depth += 1
        elif tag == "a" and self.depth and attrs.get("href", "").startswith("/"):
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif tag in ("header", "nav", "footer") and not self.in_main and self.depth:
            self.depth -= 1


def chrome_links(html: str) -> list[dict]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def people(real_plan):
    return {
        "anonymous": None,
        "owner": owner_of(Organisation.objects.get(slug="heiw")),
        "sig": UserFactory(role="SIG member", is_staff=True),
        "editor": UserFactory(role="Editor", is_staff=True, first_name="Eira", last_name="Jones"),
        "editor_without_admin": UserFactory(role="Editor"),
        "administrator": UserFactory(role="Administrator", is_staff=True, is_superuser=True),
    }


def _start(client, person) -> str:
    if person is None:
        return "/"
    client.force_login(person)
    return client.get(resolve_url(settings.LOGIN_REDIRECT_URL), follow=True).request["PATH_INFO"]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("role", ROLES)
def test_every_link_in_the_header_and_footer_opens_for_that_person(client, people, role, language):
    start = _start(client, people[role])
    prefix = "/cy" if language == "cy" else ""
    pages = {start if language == "en" else f"/cy{start}", f"{prefix}/", f"{prefix}/themes/"}
    seen = set()
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        for link in chrome_links(response.content.decode()):
            seen.add(link["href"])
    assert seen
    for href in sorted(seen):
        response = client.get(href, follow=True)
        assert response.status_code == 200, (role, href)
        # A link the person may follow never ends on a sign-in page (the site's or the admin's)
        # for them; the sign-in link itself is for anonymous people only.
        landed = response.request["PATH_INFO"]
        if landed.endswith(("/sign-in/", "/admin/login/")):
            assert people[role] is None and href.endswith("/sign-in/"), (role, href)


EXPECTED_STAFF_LINKS = {
    "anonymous": set(),
    "owner": {"/staff/"},
    "sig": {
        "/staff/",
        "/staff/dashboard/",
        "/staff/meetings/",
        "/staff/audit/",
        "/admin/",
    },
    "editor": {
        "/staff/",
        "/staff/updates/",
        "/staff/dashboard/",
        "/staff/meetings/",
        "/staff/reports/",
        "/staff/import/",
        "/staff/welsh/",
        "/staff/audit/",
        "/staff/people/",
        "/admin/",
    },
    "editor_without_admin": {
        "/staff/",
        "/staff/updates/",
        "/staff/dashboard/",
        "/staff/meetings/",
        "/staff/reports/",
        "/staff/import/",
        "/staff/welsh/",
        "/staff/audit/",
        "/staff/people/",
    },
}
EXPECTED_STAFF_LINKS["administrator"] = EXPECTED_STAFF_LINKS["editor"]


@pytest.mark.parametrize("role", ROLES)
def test_staff_links_follow_the_role_and_admin_only_for_admin_access(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    links = {link["href"] for link in chrome_links(client.get("/themes/").content.decode())}
    staff = {h for h in links if h.startswith(("/staff/", "/admin/"))}
    assert staff == EXPECTED_STAFF_LINKS[role]
    # Everyone finds the public pages, the reports among them, from every page.
    assert {"/", "/themes/", "/actions/", "/indicators/", "/reports/"} <= links
    assert ("/sign-in/" in links) == (role == "anonymous")


def test_signed_in_person_is_named_with_their_role(client, people):
    client.force_login(people["editor"])
    body = client.get("/").content.decode()
    assert "Signed in as Eira Jones" in body
    assert "(Editor)" in body
    assert "Signed in as" not in _anonymous_body(client)


def _anonymous_body(client) -> str:
    client.logout()
    return client.get("/").content.decode()


@pytest.mark.parametrize(
    ("path", "current", "section"),
    [
        ("/themes/", "/themes/", None),
        ("/themes/3/", None, "/themes/"),
        ("/cy/actions/", "/cy/actions/", None),
        ("/cy/actions/2024-2027/20/", None, "/cy/actions/"),
        ("/reports/", "/reports/", None),
        ("/", "/", None),
    ],
)
def test_current_page_or_section_is_marked_in_the_header(client, real_plan, path, current, section):
    links = chrome_links(client.get(path).content.decode())
    marked = {link["href"]: link.get("aria-current") for link in links if "aria-current" in link}
    expected = {}
    if current:
        expected[current] = "page"
    if section:
        expected[section] = "true"
    assert marked == expected


def test_staff_section_marks_the_longest_match_not_your_actions(client, people):
    client.force_login(people["editor"])
    links = chrome_links(client.get("/staff/reports/").content.decode())
    marked = {link["href"]: link.get("aria-current") for link in links if "aria-current" in link}
    assert marked == {"/staff/reports/": "page"}


def test_403_says_what_to_do_next_and_links_to_the_start_page(client, people):
    client.force_login(people["owner"])
    response = client.get("/staff/dashboard/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "ask an administrator" in body
    assert "Your role: Action owner." in body
    assert f'<a href="{resolve_url(settings.LOGIN_REDIRECT_URL)}">Go to your start page</a>' in body
    assert client.get("/staff/start/", follow=True).status_code == 200


def test_403_for_a_person_without_a_role_says_so(client, real_plan):
    client.force_login(UserFactory())
    body = client.get("/staff/").content.decode()
    assert "Your account has no role in the tracker yet." in body
    # No staff links for someone who may not follow them.
    assert not [a for a in chrome_links(body) if a["href"].startswith(("/staff/", "/admin/"))]


def test_500_page_is_self_contained_and_its_styles_are_allowed_by_the_csp():
    page = (ROOT / "templates" / "500.html").read_text(encoding="utf-8")
    # No variable and no tag that reads anything: only the switch to the "unavailable" wording.
    assert "{{" not in page
    assert set(re.findall(r"{%\s*(.*?)\s*%}", page)) == {"if unavailable", "else", "endif"}
    assert 'rel="stylesheet"' not in page
    style = re.search(r"<style>(.*?)</style>", page, re.S)[1]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in allowed
    assert '<html lang="en">' in page and 'lang="cy"' in page


def test_500_page_is_served_styled_when_a_view_fails(client, real_plan, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("tracker.theme_views.strategy_overview", broken)
    client.raise_request_exception = False
    response = client.get("/themes/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "<style>" in body
