"""axe-core and 320 pixel reflow on the progress measure pages, in English and Welsh."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.a11y.test_staff_axe import _check, _sign_in


@pytest.fixture
def measure_pages(site):
    """The staff pages of the WeCare Wales measure (figures) and of a statement measure."""
    from measures.models import MeasureKind, ProgressMeasure
    from tests.factories import UserFactory

    call_command("load_measures", stdout=StringIO())
    UserFactory(username="axe-measures-editor", role="Editor")
    figures = ProgressMeasure.objects.get(line__theme__number=2, line__position=1).pk
    statements = ProgressMeasure.objects.filter(kind=MeasureKind.STATEMENT).first().pk
    return [
        "/themes/2/",
        "/staff/measures/",
        f"/staff/measures/{figures}/",
        f"/staff/measures/{figures}/figures/new/",
        f"/staff/measures/{statements}/",
        f"/staff/measures/{statements}/statements/new/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_measure_pages_pass_axe(site, page, axe_path, measure_pages, language):
    page.axe_path = axe_path
    _sign_in(page, site, "axe-measures-editor", language)
    prefix = "/cy" if language == "cy" else ""
    for path in measure_pages:
        _check(page, site + prefix + path)
    # The last page is a form: sent empty, it answers with its errors, which must pass too.
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator("#error-summary-title, .app-error-summary").count() >= 1
    violations = run_axe(page, axe_path)
    assert not violations, describe(violations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_measure_pages_reflow_at_320_pixels(site, new_context, measure_pages, language):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    _sign_in(page, site, "axe-measures-editor", language)
    prefix = "/cy" if language == "cy" else ""
    for path in measure_pages:
        page.goto(site + prefix + path)
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"] + 1, f"{path} scrolls sideways: {widths}"
