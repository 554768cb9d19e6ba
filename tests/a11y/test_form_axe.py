"""axe-core on the staff forms sent back with errors: the value form, the date input, reports."""

import pytest

from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.a11y.test_staff_axe import _sign_in


@pytest.fixture
def editor(site):
    from tests.factories import UserFactory

    return UserFactory(username="axe-form-editor", role="Editor")


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _assert_axe_passes(page, axe_path):
    assert page.locator(".app-error-summary").is_visible(), page.url
    violations = run_axe(page, axe_path)
    assert not violations, f"axe on {page.url}:\n" + describe(violations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_with_field_errors_and_date_errors_pass_axe(site, page, axe_path, editor, language):
    from measures.models import Indicator

    prefix = "/cy" if language == "cy" else ""
    indicator = Indicator.objects.get(theme__number=1, position=1).pk
    _sign_in(page, site, editor.username, language)

    page.goto(f"{site}{prefix}/staff/indicators/{indicator}/values/new/")
    page.fill("#id_breakdown", "care-homes")
    page.fill("#id_value", "lots")
    _submit(page)
    assert page.locator("#id_breakdown_label_en_error").is_visible()
    _assert_axe_passes(page, axe_path)

    page.goto(f"{site}{prefix}/staff/actions/2024-2027/20/update/")
    page.fill("#id_revised_target_date_0", "31")
    page.fill("#id_revised_target_date_1", "2")
    page.fill("#id_revised_target_date_2", "2026")
    _submit(page)
    assert page.locator("#id_revised_target_date_error").is_visible()
    _assert_axe_passes(page, axe_path)

    page.goto(f"{site}{prefix}/staff/reports/")
    page.fill("#id_as_at_0", "30")
    page.fill("#id_as_at_1", "13")
    _submit(page)
    assert page.locator("#id_as_at_error").is_visible()
    _assert_axe_passes(page, axe_path)

    # The error summary's links move focus to the field they name.
    page.locator(".app-error-summary a[href='#id_as_at_0']").click()
    assert page.evaluate("document.activeElement.id") == "id_as_at_0"
