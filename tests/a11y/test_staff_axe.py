"""axe-core on the signed-in pages and the report's web edition, in English and Welsh."""

import datetime

import pytest
from django.utils import timezone, translation

from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.two_factor import pass_second_factor

PASSWORD = "correct-horse-battery"


@pytest.fixture
def people(site):
    from actions.models import Organisation
    from tests.factories import UserFactory, owner_of

    return {
        "editor": UserFactory(username="axe-editor", role="Editor"),
        "sig": UserFactory(username="axe-sig", role="SIG member"),
        "owner": owner_of(Organisation.objects.get(slug="heiw"), username="axe-owner"),
    }


def _sign_in(page, site, username, language):
    prefix = "/cy" if language == "cy" else ""
    page.goto(f"{site}{prefix}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    pass_second_factor(page, username)


def _check(page, url, status=200):
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    violations = run_axe(page, page.axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {url}:\n" + describe(
        violations
    )


STAFF_PAGES = {
    "editor": [
        "/staff/",
        "/staff/actions/2024-2027/20/update/",
        "/staff/updates/",
        "/staff/dashboard/",
        "/staff/dashboard/meeting-pack/",
        "/staff/audit/",
        "/staff/welsh/",
        "/staff/import/",
        "/staff/reports/",
        "/staff/indicators/{indicator}/values/new/",
        # The definition and source form, and the indicator page as an Editor sees it.
        "/staff/indicators/{indicator}/about/edit/",
        "/indicators/{indicator}/",
    ],
    "owner": ["/staff/", "/staff/actions/2024-2027/20/update/"],
    "sig": ["/staff/", "/staff/dashboard/"],
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(STAFF_PAGES))
def test_staff_pages_pass_axe(site, page, axe_path, people, role, language):
    from measures.models import Indicator

    page.axe_path = axe_path
    indicator = Indicator.objects.get(theme__number=1, position=1).pk
    _sign_in(page, site, people[role].username, language)
    prefix = "/cy" if language == "cy" else ""
    for path in STAFF_PAGES[role]:
        _check(page, site + prefix + path.format(indicator=indicator))


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_with_errors_and_a_published_update_pass_axe(site, page, axe_path, people, language):
    page.axe_path = axe_path
    prefix = "/cy" if language == "cy" else ""
    _sign_in(page, site, "axe-editor", language)
    # An update form sent back with errors: error summary, messages beside the fields.
    page.goto(f"{site}{prefix}/staff/actions/2024-2027/20/update/")
    page.fill("#id_evidence_links", "not a link")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator(".app-error-summary").is_visible()
    assert not run_axe(page, axe_path)
    # A valid update, approved at once: the public page then shows the progress history.
    page.locator("#id_status_1").check()
    page.fill("#id_summary_en", "Joint workforce plan agreed with HEIW.")
    page.fill("#id_evidence_links", "https://socialcare.wales/example")
    page.locator("#id_approve").check()
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    _check(page, f"{site}{prefix}/actions/2024-2027/20/")
    assert "Joint workforce plan agreed with HEIW." in page.content()


def test_published_report_web_edition_passes_axe(site, page, axe_path, people, job_worker):
    from reports.publishing import report_publish
    from reports.services import report_request

    page.axe_path = axe_path
    run, _created = report_request(
        plan_slug="2024-2027",
        year=2024,
        as_at=min(timezone.localdate(), datetime.date(2025, 3, 31)),
        language="cy",
        user=people["editor"],
    )
    run = job_worker.report_built(run)  # the session's real worker builds it
    report_publish(run=run, user=people["editor"])
    with translation.override("cy"):
        _check(page, f"{site}/reports/{run.pk}/")
        _check(page, f"{site}/cy/reports/")
    _check(page, f"{site}/reports/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_reflow_at_320_pixels_without_sideways_scrolling(
    site, new_context, people, language
):
    """WCAG 1.4.10: wide tables scroll inside their own region, never the whole page."""
    from measures.models import Indicator

    indicator = Indicator.objects.get(theme__number=1, position=1).pk
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    _sign_in(page, site, people["editor"].username, language)
    prefix = "/cy" if language == "cy" else ""
    for path in STAFF_PAGES["editor"]:
        page.goto(site + prefix + path.format(indicator=indicator))
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"] + 1, f"{path} scrolls sideways: {widths}"
