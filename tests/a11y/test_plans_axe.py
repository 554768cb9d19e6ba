"""axe-core and 320 pixel reflow on the plans' pages and the Editors' lineage and outcome
screens, in English and Welsh."""

import pytest

from tests.a11y.test_axe import LANGUAGES
from tests.a11y.test_staff_axe import _check, _sign_in
from tests.other_plans_source import load_other_plans

PAGES = [
    "/plans/",
    "/plans/2022-2023/",
    "/plans/mental-health-workforce/themes/7/",
    "/themes/3/",
    "/actions/2022-2023/2/",
    "/actions/2024-2027/4/",
    "/actions/?plan=&q=Gwella",
    "/staff/actions/2024-2027/34/lineage/",
    "/staff/actions/2022-2023/2/outcome/",
    "/staff/dashboard/",
]


@pytest.fixture
def plans_site(site):
    from tests.factories import UserFactory

    load_other_plans()
    UserFactory(username="axe-plans-editor", role="Editor")
    return site


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_pages_pass_axe(plans_site, page, axe_path, language):
    page.axe_path = axe_path
    _sign_in(page, plans_site, "axe-plans-editor", language)
    prefix = "/cy" if language == "cy" else ""
    for path in PAGES:
        _check(page, plans_site + prefix + path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_pages_reflow_at_320_pixels(plans_site, new_context, language):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    _sign_in(page, plans_site, "axe-plans-editor", language)
    prefix = "/cy" if language == "cy" else ""
    for path in PAGES:
        page.goto(plans_site + prefix + path)
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"] + 1, f"{path} scrolls sideways: {widths}"
