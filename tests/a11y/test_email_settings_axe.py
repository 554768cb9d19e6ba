"""axe-core on "Your email settings", in English and Welsh: as first shown, with errors, and
after saving."""

import pytest

from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.a11y.test_staff_axe import _sign_in


def _no_violations(page, axe_path):
    violations = run_axe(page, axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {page.url}:\n" + describe(
        violations
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_email_settings_page_passes_axe(site, page, axe_path, language):
    from actions.models import Organisation
    from core.email_preferences import email_choice
    from tests.factories import owner_of

    owner = owner_of(Organisation.objects.get(slug="heiw"), username="axe-email-owner")
    _sign_in(page, site, owner.username, language)
    prefix = "/cy" if language == "cy" else ""
    response = page.goto(f"{site}{prefix}/account/email-settings/")
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    _no_violations(page, axe_path)

    # Nothing chosen (radios cleared): the error summary and the messages beside the fields.
    page.evaluate("document.querySelectorAll('input[type=radio]').forEach(r => r.checked = false)")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator(".app-error-summary").count() == 1
    _no_violations(page, axe_path)

    # Choosing by the labels, as a keyboard or screen reader user would.
    page.locator("input[name=frequency][value=weekly]").check()
    page.locator("input[name=language][value=en]").check()
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator(".app-notification").count() == 1
    _no_violations(page, axe_path)
    assert email_choice(owner).frequency == "weekly"
