"""axe-core on the theme story pages: the staff list, form and approval page, and the theme
page that shows the published stories, in English and Welsh, wide and at 320 px."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.two_factor import pass_second_factor

PASSWORD = "correct-horse-battery"


@pytest.fixture
def stories(site):
    """The 2021 to 2022 story, and a 2025 story one Editor wrote for a second to approve."""
    from tests.factories import UserFactory
    from themes.models import Theme
    from themes.services import story_write

    call_command("load_theme_stories", stdout=StringIO())
    author = UserFactory(username="axe-story-author", role="Editor")
    UserFactory(username="axe-story-approver", role="Editor")
    story_write(
        theme=Theme.objects.get(number=1),
        year=2025,
        user=author,
        data={
            "why_it_matters_en": "People who feel valued stay.",
            "impact_en": "• 1,200 people joined a session\n• 85% said it helped",
        },
        base_version=0,
        submit=True,
    )


def _sign_in(page, site, username, prefix):
    page.goto(f"{site}{prefix}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    pass_second_factor(page, username)


def _check(page, url):
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    violations = run_axe(page, page.axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {url}:\n" + describe(
        violations
    )


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("language", LANGUAGES)
def test_story_pages_pass_axe(site, new_context, axe_path, stories, language, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.axe_path = axe_path
    prefix = "/cy" if language == "cy" else ""
    _check(page, f"{site}{prefix}/themes/2/")
    _sign_in(page, site, "axe-story-approver", prefix)
    for path in (
        "/staff/stories/?year=2025",
        "/staff/stories/1/2025/",
        "/staff/stories/1/2025/edit/",
        "/staff/stories/2/2021/",
    ):
        _check(page, site + prefix + path)
        # Nothing wider than the screen at 320 px (WCAG reflow), the two-column form included.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{page.url} scrolls sideways at {width} px"
