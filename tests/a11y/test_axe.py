"""Accessibility (WCAG 2.2 AA) checks of the public pages and the sign-in pages, in a real
browser: axe-core on every kind of page in English and Welsh, plus what axe cannot see (the
skip link by keyboard, a visible focus on every tab stop, reflow at 200% zoom, the filter form
without JavaScript). The pages come from the plan's data, as in the UK government's Redbox.
"""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import PLAN_FIXTURE

LANGUAGES = ["en", "cy"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

_PLAN = json.loads(PLAN_FIXTURE.read_text(encoding="utf-8"))
PLAN_SLUG = _PLAN["plan"]["slug"]
THEMES = [theme["number"] for theme in _PLAN["themes"]]
ACTIONS_BY_THEME: dict[int, list[int]] = {}
for _action in _PLAN["plan"]["actions"]:
    ACTIONS_BY_THEME.setdefault(_action["theme"], []).append(_action["number"])

# Indicator codes (theme.position) with what makes each one different.
INDICATORS: dict[str, dict] = {}
for _indicator in _PLAN["plan"]["indicators"]:
    _position = sum(1 for code in INDICATORS if code.startswith(f"{_indicator['theme']}.")) + 1
    INDICATORS[f"{_indicator['theme']}.{_position}"] = _indicator


def _sample_actions() -> list[int]:
    """The first action of every theme, plus the ones with sub-points and with two leads."""
    numbers = {numbers[0] for numbers in ACTIONS_BY_THEME.values()}
    numbers |= {a["number"] for a in _PLAN["plan"]["actions"] if a["sub_points"]}
    numbers |= {
        a["number"]
        for a in _PLAN["plan"]["actions"]
        if sum(owner["role"] == "lead" for owner in a["owners"]) > 1
    }
    return sorted(numbers)


def _sample_indicators() -> list[str]:
    """The first indicator of every theme, the one with most baselines and one of each
    baseline status (set, described, pending, not stated)."""
    codes: dict[str, None] = {}
    for code in INDICATORS:
        if code.endswith(".1"):
            codes[code] = None
    codes[max(INDICATORS, key=lambda c: len(INDICATORS[c].get("baselines", [])))] = None
    seen_statuses = set()
    for code, indicator in INDICATORS.items():
        if indicator["baseline_status"] not in seen_statuses:
            seen_statuses.add(indicator["baseline_status"])
            codes[code] = None
    return sorted(codes, key=lambda c: tuple(int(part) for part in c.split(".")))


def _indicator_path(code: str) -> str:
    from measures.models import Indicator

    theme, position = (int(part) for part in code.split("."))
    pk = Indicator.objects.get(theme__number=theme, position=position).pk
    return reverse("measures:detail", kwargs={"pk": pk})


@dataclass(frozen=True)
class Page:
    id: str
    path: Callable[[], str]  # called inside the page's language, with the plan loaded
    status: int = 200


PAGES = [
    Page("home", lambda: reverse("home")),
    *[
        Page(f"theme-{n}", lambda n=n: reverse("themes:detail", kwargs={"number": n}))
        for n in THEMES
    ],
    Page("actions", lambda: reverse("actions:list")),
    Page("actions-filtered", lambda: reverse("actions:list") + "?theme=3&period=2024"),
    Page("actions-invalid-filter", lambda: reverse("actions:list") + "?theme=9", status=400),
    *[
        Page(
            f"action-{n}",
            lambda n=n: reverse("actions:detail", kwargs={"plan": PLAN_SLUG, "number": n}),
        )
        for n in _sample_actions()
    ],
    Page("indicators", lambda: reverse("measures:list")),
    *[Page(f"indicator-{c}", lambda c=c: _indicator_path(c)) for c in _sample_indicators()],
    Page("not-found", lambda: reverse("home") + "no-such-page/", status=404),
    Page("sign-in", lambda: reverse("login")),
]
PAGE = {p.id: p for p in PAGES}
ADMIN_PAGES = [Page("admin-sign-in", lambda: reverse("admin:login"))]


def url_for(site: str, page: Page, language: str) -> str:
    with translation.override(language):
        return site + page.path()


def run_axe(browser_page, axe_path) -> list[dict]:
    browser_page.add_script_tag(path=str(axe_path))
    # resultTypes only trims the details of passing checks; every rule still runs.
    results = browser_page.evaluate(
        "tags => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(" ".join(node["target"]) for node in nodes[:3])
        more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"    on {targets}{more}\n"
            f"    {' '.join(nodes[0].get('failureSummary', '').split())}\n"
            f"    {violation['helpUrl']}"
        )
    return "\n".join(lines)


def check_page_with_axe(site, page, axe_path, spec: Page, language: str):
    url = url_for(site, spec, language)
    response = page.goto(url)
    assert response is not None and response.status == spec.status, (
        f"{url} answered {response and response.status}, expected {spec.status}"
    )
    violations = run_axe(page, axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {url}:\n" + describe(
        violations
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spec", PAGES, ids=[p.id for p in PAGES])
def test_public_page_passes_axe(site, page, axe_path, spec, language):
    check_page_with_axe(site, page, axe_path, spec, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spec", ADMIN_PAGES, ids=[p.id for p in ADMIN_PAGES])
def test_admin_sign_in_passes_axe(site, page, axe_path, spec, language):
    check_page_with_axe(site, page, axe_path, spec, language)


def test_invalid_filter_page_shows_the_error_summary(site, page):
    page.goto(url_for(site, PAGE["actions-invalid-filter"], "en"))
    summary = page.locator(".app-error-summary")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    link = summary.locator("a").first
    assert link.get_attribute("href") == "#id_theme"
    assert page.locator("#id_theme").get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_error_passes_axe(site, page, axe_path, language):
    with translation.override(language):
        page.goto(site + reverse("login"))
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong password")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator(".app-error-summary").is_visible()
    violations = run_axe(page, axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {page.url}:\n" + describe(
        violations
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(site, page, language):
    with translation.override(language):
        page.goto(site + reverse("home"))
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement;"
        " return {cls: el.className, href: el.getAttribute('href')}; }"
    )
    assert focused == {"cls": "app-skip-link", "href": "#main-content"}, focused
    skip_link = page.locator(".app-skip-link")
    assert skip_link.is_visible()
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["width"] > 10 and box["height"] > 10, box
    assert 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"], box

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'main-content'")
    assert page.url.endswith("#main-content")


FOCUS_PAGES = {
    "home": lambda: reverse("home"),
    "actions-filtered": lambda: reverse("actions:list") + "?theme=3",
    "sign-in": lambda: reverse("login"),
}


@pytest.mark.parametrize("path", FOCUS_PAGES.values(), ids=FOCUS_PAGES.keys())
def test_every_tab_stop_shows_where_the_focus_is(site, page, path):
    """Tab through the page: each element looks different focused and not focused."""
    page.goto(site + path())
    stops = []
    for _ in range(100):
        page.keyboard.press("Tab")
        element = page.evaluate_handle("document.activeElement").as_element()
        description = element.evaluate(
            "el => el === document.body ? null"
            " : `${el.tagName.toLowerCase()} “${(el.innerText || el.name || '').trim()}”`"
        )
        if description is None or description in stops:
            break
        stops.append(description)
        box = element.bounding_box()
        viewport = page.viewport_size
        clip = {"x": max(box["x"] - 6, 0), "y": max(box["y"] - 6, 0)}
        clip["width"] = min(box["x"] + box["width"] + 6, viewport["width"]) - clip["x"]
        clip["height"] = min(box["y"] + box["height"] + 6, viewport["height"]) - clip["y"]
        focused = page.screenshot(clip=clip, animations="disabled")
        element.evaluate("el => el.blur()")
        unfocused = page.screenshot(clip=clip, animations="disabled")
        element.focus()
        assert focused != unfocused, f"{description} shows no focus indicator on {page.url}"
    assert len(stops) > 5, stops


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spec", [PAGE["home"], PAGE["actions"]], ids=["home", "actions"])
def test_no_horizontal_scrolling_at_200_percent_zoom(site, new_context, spec, language):
    # A 1280 pixel wide window zoomed to 200% lays out like a 640 pixel wide one.
    page = new_context(viewport={"width": 640, "height": 512}).new_page()
    page.goto(url_for(site, spec, language))
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, f"the page scrolls sideways at 640px: {widths}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_action_filter_works_without_javascript(site, new_context, language):
    page = new_context(java_script_enabled=False).new_page()
    with translation.override(language):
        page.goto(site + reverse("actions:list"))
    page.select_option("#id_theme", "3")
    with page.expect_navigation():
        page.locator("form.app-filter button[type=submit]").click()
    assert "theme=3" in page.url
    numbers = page.locator(".app-table tbody tr td:first-child").all_inner_texts()
    assert [int(n) for n in numbers] == ACTIONS_BY_THEME[3] == [18, 19, 20, 21]


@pytest.fixture
def paginated_site(site):
    """The real plan plus one synthetic plan, so that "All plans" runs to two pages."""
    from django.core.management import call_command

    call_command("seed_scale", "--factor", "1", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return site


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("number", [1, 2])
def test_each_page_of_a_long_list_passes_axe(paginated_site, page, axe_path, language, number):
    with translation.override(language):
        url = f"{paginated_site}{reverse('actions:list')}?plan=&page={number}"
    response = page.goto(url)
    assert response is not None and response.status == 200
    assert page.locator("nav.app-pagination [aria-current=page]").inner_text() == str(number)
    violations = run_axe(page, axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {url}:\n" + describe(
        violations
    )


def test_the_next_page_is_reached_by_keyboard_without_javascript(paginated_site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{paginated_site}{reverse('actions:list')}?plan=")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        pytest.fail("Tabbing through the page never reached the next-page link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("?plan=&page=2")
    assert page.locator("nav.app-pagination [aria-current=page]").inner_text() == "2"
