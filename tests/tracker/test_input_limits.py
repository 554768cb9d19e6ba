"""Output built from input stays safe: the language link, CSV cells, odd query values."""

import csv
import io
import re
from urllib.parse import unquote

import pytest

from actions.models import Action
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(
    r'<a href="([^"]*)" hreflang="(?:en|cy)" lang="(?:en|cy)" class="app-language-link"'
)
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="(en|cy)" href="([^"]*)">')


def _get(client, raw_path: str):
    """Request a path as a browser sends it; the server decodes it (%2F becomes /)."""
    return client.get("/", PATH_INFO=unquote(raw_path))


def _language_links(response) -> list[str]:
    """The visible link to the other language, then the <link rel="alternate"> to it.

    The page's alternate link to itself must be a path on this site too.
    """
    body = response.content.decode()
    page_language = re.search(r'<html lang="(en|cy)"', body)[1]
    alternates = dict(ALTERNATE.findall(body))
    this_page = alternates.pop(page_language)
    assert this_page.startswith("/") and not this_page.startswith(("//", "/\\")), this_page
    links = LINK.findall(body) + list(alternates.values())
    assert len(links) == 2, body[:2000]
    return [link.replace("&amp;", "&") for link in links]


@pytest.mark.parametrize(
    ("raw_path", "expected"),
    [
        ("//evil.example/", "/cy/evil.example/"),
        ("/\\evil.example", "/cy/evil.example"),
        ("/%2F%2Fevil.example", "/cy/evil.example"),
        ("///evil.example//", "/cy/evil.example/"),
        ("/cy//evil.example/", "/evil.example/"),
        ("/cy/\\evil.example", "/evil.example"),
        ("/cy/%2F%2Fevil.example", "/evil.example"),
        ("/no-such-page/", "/cy/no-such-page/"),
        ("/cy/no-such-page/", "/no-such-page/"),
    ],
)
def test_the_404_language_link_stays_on_this_site(client, raw_path, expected):
    response = _get(client, raw_path)
    assert response.status_code == 404
    for link in _language_links(response):
        assert link == expected
        assert link.startswith("/") and not link.startswith(("//", "/\\"))


@pytest.mark.parametrize(
    ("raw_path", "expected"),
    [
        ("/actions/", "/cy/actions/"),
        ("/cy/actions/", "/actions/"),
    ],
)
def test_the_language_link_on_normal_pages_goes_to_the_same_page(
    client, real_plan, raw_path, expected
):
    response = _get(client, raw_path)
    assert response.status_code == 200
    assert _language_links(response) == [expected, expected]


def test_the_language_link_keeps_the_query_string(client, real_plan):
    response = client.get("/actions/", {"theme": "1"})
    assert _language_links(response) == ["/cy/actions/?theme=1"] * 2


def _export(client) -> list[dict]:
    body = client.get("/data/actions.csv").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example")',
        ' =HYPERLINK("http://evil.example")',
        '\n=HYPERLINK("http://evil.example")',
        '\t=HYPERLINK("http://evil.example")',
        "\r\n+1+1",
        '＝HYPERLINK("http://evil.example")',
        '＋1+cmd|" /C calc"!A0',
        "－1+1",
        "＠SUM(1+1)",
        " \u3000＝1+1",
        "﹦1+1",
        "+1",
        "-1",
        "@SUM(1)",
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulae_are_escaped_in_the_csv_export(
    client, real_plan, text
):
    Action.objects.filter(number=5).update(text_en=text)
    row = next(row for row in _export(client) if row["number"] == "5")
    assert row["text"] == "'" + text


@pytest.mark.parametrize("text", ["Plain text", "Equal = fine", " leading space", "(=1)"])
def test_ordinary_text_is_exported_unchanged(client, real_plan, text):
    Action.objects.filter(number=5).update(text_en=text)
    row = next(row for row in _export(client) if row["number"] == "5")
    assert row["text"] == text


@pytest.mark.parametrize("value", ["x", "", "1.5", "-1", "1e3", "99999999999999999999999"])
def test_a_resubmit_value_naming_no_update_gives_404_not_500(client, real_plan, value):
    client.force_login(UserFactory(role="Editor"))
    response = client.get(f"/staff/actions/2024-2027/1/update/?resubmit={value}")
    assert response.status_code == 404
