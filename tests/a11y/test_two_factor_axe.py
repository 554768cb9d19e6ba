"""axe-core on the password reset and two-factor pages, in English and Welsh, with and without
errors, wide and at 320 px."""

import time

import pytest

from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.two_factor import code_for

PASSWORD = "correct-horse-battery"


def _axe(page, axe_path, what):
    violations = run_axe(page, axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {what}:\n" + describe(
        violations
    )


def _submit(page):
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_pages_pass_axe(site, new_context, axe_path, language, width):
    from tests.factories import UserFactory

    UserFactory(username="axe-reset", email="axe-reset@example.org")
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    prefix = "/cy" if language == "cy" else ""
    page.goto(f"{site}{prefix}/sign-in/")
    with page.expect_navigation():
        page.locator("main a[href$='/password-reset/']").click()
    _axe(page, axe_path, "the reset form")
    page.fill("#id_email", "not an address")
    _submit(page)
    assert page.locator(".app-error-summary").is_visible()
    _axe(page, axe_path, "the reset form with an error")
    page.fill("#id_email", "axe-reset@example.org")
    _submit(page)
    assert page.url.endswith(f"{prefix}/password-reset/sent/")
    _axe(page, axe_path, "the sent page")
    page.goto(f"{site}{prefix}/password-reset/MQ/not-a-token/")
    _axe(page, axe_path, "a bad link")
    page.goto(f"{site}{prefix}/password-reset/done/")
    _axe(page, axe_path, "the done page")


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("language", LANGUAGES)
def test_two_factor_pages_pass_axe(site, new_context, axe_path, language, width):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import UserFactory

    editor = UserFactory(username="axe-2fa", role="Editor")
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    prefix = "/cy" if language == "cy" else ""
    page.goto(f"{site}{prefix}/sign-in/")
    page.fill("#id_username", "axe-2fa")
    page.fill("#id_password", PASSWORD)
    _submit(page)
    assert f"{prefix}/two-factor/set-up/" in page.url
    assert page.locator("main svg[role=img] title").count() == 1
    _axe(page, axe_path, "the setup page")
    page.fill("#id_code", "12ab")
    _submit(page)
    _axe(page, axe_path, "the setup page with an error")
    page.fill("#id_code", code_for(TOTPDevice.objects.get(user=editor)))
    _submit(page)
    assert "/two-factor/" not in page.url
    # Signing in again, in a new browser: the code page, with and without an error.
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{site}{prefix}/sign-in/")
    page.fill("#id_username", "axe-2fa")
    page.fill("#id_password", PASSWORD)
    _submit(page)
    assert f"{prefix}/two-factor/?next=" in page.url
    _axe(page, axe_path, "the code page")
    right = code_for(TOTPDevice.objects.get(user=editor))
    page.fill("#id_code", f"{(int(right) + 1) % 1_000_000:06d}")
    _submit(page)
    assert page.locator(".app-error-summary").is_visible()
    _axe(page, axe_path, "the code page with an error")
    time.sleep(1.5)  # a wrong code makes the next try wait a second (throttling)
    page.fill("#id_code", code_for(TOTPDevice.objects.get(user=editor)))
    _submit(page)
    assert "/two-factor/" not in page.url
