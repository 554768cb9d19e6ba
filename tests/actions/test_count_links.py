"""Every count on the dashboard, the meeting pack and the home page is true.

Two checks, each independent of the database: every count that is a link leads to a list that
states the same count, and the totals agree with counts taken from the plan's own text.
"""

import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from actions.models import Action
from actions.quarters import quarter_of
from actions.services import update_submit
from tests.factories import UserFactory
from tests.plan_source import source_counts, source_periods_ended

pytestmark = pytest.mark.django_db

# A link whose text starts with a whole number ("41", "25 actions") states a count; indicator
# codes such as "1.3" do not.
COUNT_TEXT = re.compile(r"^\s*(\d+)(?![\d.,])")


def test_the_source_counts_are_the_plans_own():
    # The plan says it has 41 actions over 7 themes: check the parser before trusting it.
    themes, periods = source_counts()
    assert len(themes) == 7 and sum(themes) == 41
    assert list(periods) == ["2024", "2025 to 2027"] and sum(periods.values()) == 41


class _Page(HTMLParser):
    """The links of a page with their text, and the text of the element with id result-count."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.count_text = ""
        self._count_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self._href, self._text = attrs["href"], []
        if self._count_depth:
            self._count_depth += 1
        elif attrs.get("id") == "result-count":
            self._count_depth = 1

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None
        if self._count_depth:
            self._count_depth -= 1

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        if self._count_depth:
            self.count_text += data


def _parse(body: str) -> _Page:
    page = _Page()
    page.feed(body)
    return page


def count_links(body: str) -> list[tuple[str, int]]:
    return [
        (href, int(match[1]))
        for href, text in _parse(body).links
        if (match := COUNT_TEXT.match(text))
    ]


def listed_count(body: str) -> int:
    """The count the actions list states ("41 actions found."), in either language."""
    text = _parse(body).count_text
    assert text, "the list does not state how many actions it shows"
    return int(re.search(r"\d+", text)[0])


def by_theme_table(body: str) -> tuple[list[list[str]], list[str]]:
    """The cells of "Actions by theme and status": the body rows and the totals row."""
    table = body[body.index('id="by-theme"') :]
    table = table[: table.index("</table>")]

    def cells(html: str) -> list[str]:
        return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]

    tbody = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = [cells(row) for row in re.findall(r"<tr>(.*?)</tr>", tbody, re.S)]
    return rows, cells(table[table.index("<tfoot>") :])


def _number(cell: str) -> int:
    return int(re.sub(r"<[^>]+>", "", cell))


def _approve(editor, number, **data):
    action = Action.objects.get(number=number)
    payload = {
        "status": "on_track",
        "summary_en": f"Update on {number}.",
        "quarter": quarter_of(timezone.localdate()).code,
    }
    payload.update(data)
    update_submit(
        action=action, user=editor, data=payload, base_version=action.version, approve=True
    )


@pytest.fixture
def varied_plan(real_plan):
    """The real plan with statuses spread over several columns of the table."""
    editor = UserFactory(role="Editor")
    _approve(editor, 1, status="complete")
    _approve(editor, 3, status="significant_delays", status_reason="Funding paused.")
    _approve(editor, 11, status="minor_delays", status_reason="Staff changes.")
    _approve(editor, 30)
    return real_plan


@pytest.fixture
def sig_client(client, varied_plan):
    client.force_login(UserFactory(role="SIG member"))
    return client


PAGES = [
    "/staff/dashboard/",
    "/staff/dashboard/meeting-pack/",
    "/",
    "/cy/staff/dashboard/",
    "/cy/staff/dashboard/meeting-pack/",
    "/cy/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_count_link_leads_to_a_list_with_that_count(sig_client, url):
    response = sig_client.get(url)
    assert response.status_code == 200
    links = count_links(response.content.decode())
    # At least the seven themes' counts and the grand total (home: themes and periods).
    assert len(links) >= 8, links
    wrong = []
    for href, count in links:
        listed = sig_client.get(href)
        assert listed.status_code == 200, href
        if listed_count(listed.content.decode()) != count:
            wrong.append((href, count, listed_count(listed.content.decode())))
    assert wrong == []


@pytest.mark.parametrize("url", ["/staff/dashboard/", "/staff/dashboard/meeting-pack/"])
def test_theme_table_totals_match_the_plans_text(sig_client, url):
    themes, _periods = source_counts()
    rows, totals = by_theme_table(sig_client.get(url).content.decode())
    assert [_number(row[-1]) for row in rows] == themes
    # Each row adds up to its total, and the totals row to the grand total: 41.
    assert all(sum(_number(c) for c in row[:-1]) == _number(row[-1]) for row in rows)
    assert sum(_number(c) for c in totals[:-1]) == _number(totals[-1]) == sum(themes)
    # Every count other than 0 is a link, the totals and the grand total included.
    for cell in [c for row in rows for c in row] + totals:
        assert _number(cell) == 0 or cell.startswith("<a href="), cell


def test_headline_counts_overdue_actions_from_the_plans_periods(sig_client):
    _themes, periods = source_counts()
    ended = source_periods_ended(timezone.localdate())
    finished_in_ended = 1 if "2024" in ended else 0  # action 1, a "During 2024" action
    expected = sum(periods[label] for label in ended) - finished_in_ended
    body = sig_client.get("/staff/dashboard/").content.decode()
    headline = body[body.index('id="headline"') : body.index('id="exceptions"')]
    assert "41 actions in the plan" in headline
    overdue_row = headline[headline.index("Overdue") :]
    assert f'&amp;overdue=yes">{expected}</a>' in overdue_row.split("</div>")[0]
    # Overdue first, then the statuses, each with its words as well as its colour.
    assert headline.index("Overdue") < headline.index("Significant delays")
    assert headline.index("Significant delays") < headline.index("On track")


def test_home_page_period_counts_match_the_plans_text(client, real_plan):
    _themes, periods = source_counts()
    body = client.get("/").content.decode()
    captions = re.findall(r"<caption[^>]*>(.*?)</caption>", body, re.S)
    stated = [int(re.search(r"(\d+) actions?", re.sub(r"<[^>]+>", "", c))[1]) for c in captions]
    assert stated == list(periods.values()) == [25, 16]


def test_each_exception_names_its_lead_organisation(sig_client):
    body = sig_client.get("/staff/dashboard/").content.decode()
    delays = body[body.index("Significant delays (") :]
    delays = delays[: delays.index("</ul>")]
    lead = Action.objects.get(number=3).owners.get(role="lead").organisation.name_en
    assert "Action 3<" in delays and f"Lead: {lead}" in delays
