"""axe-core on single sign-on's pages, in English and Welsh, wide and at 320 px: the sign-in page
with its button, the page for people without a role, and two of the problem pages. No provider
is needed for these (tests/journeys/test_sso_journey.py goes through one)."""

import pytest

from people.models import Identity
from people.sso_config import metadata_forget
from tests.a11y.test_axe import LANGUAGES, describe, run_axe
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def _axe(page, axe_path, what):
    violations = run_axe(page, axe_path)
    assert not violations, f"axe found {len(violations)} problem(s) on {what}:\n" + describe(
        violations
    )


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_on_pages_pass_axe(site, settings, new_context, axe_path, language, width):
    settings.OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID = "client"
    settings.OIDC_RP_CLIENT_SECRET = "secret"  # noqa: S105
    settings.ACCESS_REQUESTS_EMAIL = "tracker@socialcare.wales"
    metadata_forget()
    person = UserFactory(username="axe-sso", email="axe.sso@heiw.nhs.wales")
    Identity.objects.create(
        user=person, issuer=settings.OIDC_ISSUER, subject="s", email=person.email
    )
    UserFactory(username="axe-admin", first_name="Gwen", last_name="Lloyd", role="Administrator")
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    prefix = "/cy" if language == "cy" else ""

    page.goto(f"{site}{prefix}/sign-in/")
    assert page.locator("main a[role=button][href$='/sign-on/']").count() == 1
    _axe(page, axe_path, "the sign-in page with single sign-on")
    for reason in ("not-set-up", "failed"):
        page.goto(f"{site}{prefix}/sign-on/problem/?reason={reason}")
        _axe(page, axe_path, f"the problem page ({reason})")

    page.goto(f"{site}{prefix}/sign-in/")
    page.fill("#id_username", "axe-sso")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.url == f"{site}{prefix}/ask-your-administrator/"
    _axe(page, axe_path, "ask your administrator")
    metadata_forget()
