"""axe-core and 320px reflow on the pages of issue 10: the header as each role, the themes
index, the reports list, the publish page, the 403 page and the report's web edition."""

import datetime

import pytest
from django.utils import timezone

from tests.a11y.test_axe import LANGUAGES, run_axe
from tests.a11y.test_staff_axe import _check, _sign_in

AS_AT = datetime.date(2025, 3, 31)


@pytest.fixture
def people(site):
    """The same people as tests/a11y/test_staff_axe.py (whose _sign_in uses their password)."""
    from actions.models import Organisation
    from tests.factories import UserFactory, owner_of

    return {
        "editor": UserFactory(username="axe-editor", role="Editor"),
        "sig": UserFactory(username="axe-sig", role="SIG member"),
        "owner": owner_of(Organisation.objects.get(slug="heiw"), username="axe-owner"),
    }


def _no_sideways_scroll(page, url):
    page.goto(url)
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, f"{url} scrolls sideways: {widths}"


@pytest.fixture
def editions(site, people):
    """An English and a Welsh edition of the 2024 report, ready to publish (rows only: these
    pages never open the files)."""
    from actions.models import DeliveryPlan
    from reports.models import AnnualReport, ReportRun

    report = AnnualReport.objects.create(plan=DeliveryPlan.objects.get(slug="2024-2027"), year=2024)
    now = timezone.now()
    return [
        ReportRun.objects.create(
            report=report,
            language=language,
            as_at=AS_AT,
            status="ready",
            pages=23,
            pdf_bytes=120_000,
            html_bytes=50_000,
            pdf_sha256="a" * 64,
            html_sha256="b" * 64,
            pdf_file=f"reports/{language}.pdf",
            html_file=f"reports/{language}.html",
            finished_at=now,
            created_by=people["editor"],
        )
        for language in ("en", "cy")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["anonymous", "owner", "sig", "editor"])
def test_header_for_each_role_passes_axe_and_reflows(
    site,
    page,
    new_context,
    axe_path,
    people,
    role,
    language,
):
    page.axe_path = axe_path
    prefix = "/cy" if language == "cy" else ""
    if role != "anonymous":
        _sign_in(page, site, people[role].username, language)
    for path in ("/", "/themes/"):
        _check(page, f"{site}{prefix}{path}")
    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    if role != "anonymous":
        _sign_in(narrow, site, people[role].username, language)
    _no_sideways_scroll(narrow, f"{site}{prefix}/themes/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_publish_page_reports_list_and_403_pass_axe(
    site,
    page,
    new_context,
    axe_path,
    people,
    editions,
    language,
):
    from reports.models import ReportRun

    page.axe_path = axe_path
    prefix = "/cy" if language == "cy" else ""
    _sign_in(page, site, people["editor"].username, language)
    _check(page, f"{site}{prefix}/staff/reports/{editions[0].pk}/publish/")
    # Sent back without the confirmation: the error summary and the message pass too.
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".app-error-summary").is_visible()
    assert not run_axe(page, axe_path)

    # Published as the job leaves them (rows only, like the fixture: the pages open no files).
    ReportRun.objects.filter(pk__in=[e.pk for e in editions]).update(
        version=1, published_at=timezone.now(), published_by=people["editor"]
    )
    _check(page, f"{site}{prefix}/staff/reports/{editions[0].pk}/")
    _check(page, f"{site}{prefix}/reports/")
    page.locator("details summary").first.click()
    assert not run_axe(page, axe_path)

    owner = new_context().new_page()
    owner.axe_path = axe_path
    _sign_in(owner, site, people["owner"].username, language)
    _check(owner, f"{site}{prefix}/staff/dashboard/", status=403)

    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    _sign_in(narrow, site, people["editor"].username, language)
    for path in ("/reports/", f"/staff/reports/{editions[0].pk}/", "/staff/reports/"):
        _no_sideways_scroll(narrow, f"{site}{prefix}{path}")


def test_report_web_edition_reflows_at_320_pixels(site, new_context, people, job_worker):
    from reports.publishing import report_publish
    from reports.services import report_request

    run, _created = report_request(
        plan_slug="2024-2027", year=2024, as_at=AS_AT, language="en", user=people["editor"]
    )
    run = job_worker.report_built(run)  # the session's real worker builds it
    report_publish(run=run, user=people["editor"])
    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    _no_sideways_scroll(narrow, f"{site}/reports/{run.pk}/")
