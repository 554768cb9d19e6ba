"""axe-core on the People pages, the invitation link's pages and an organisation's people, in
English and Welsh, including a form with errors and a stale page (409)."""

import datetime

import pytest
from django.utils import timezone

from tests.a11y.test_axe import LANGUAGES, run_axe
from tests.a11y.test_staff_axe import _check, _sign_in


@pytest.fixture
def people_world(site):
    from actions.models import Organisation
    from people.models import Invitation
    from people.services import invitation_create
    from tests.factories import UserFactory, owner_of

    heiw = Organisation.objects.get(slug="heiw")
    admin = UserFactory(username="axe-people-admin", role="Administrator", is_staff=True)
    owner = owner_of(heiw, username="axe-people-owner")
    _open, token = invitation_create(
        actor=admin, email="axe-open@heiw.example", role="Action owner", organisation=heiw
    )
    expired, expired_token = invitation_create(
        actor=admin, email="axe-expired@heiw.example", role="Action owner", organisation=heiw
    )
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    return {"heiw": heiw, "owner": owner, "token": token, "expired_token": expired_token}


@pytest.mark.parametrize("language", LANGUAGES)
def test_people_pages_pass_axe(site, page, axe_path, people_world, language):
    page.axe_path = axe_path
    prefix = site + ("/cy" if language == "cy" else "")
    # The invited person's pages, before anyone signs in.
    _check(page, f"{prefix}/people/invitations/{people_world['token']}/")
    page.locator("main button[type=submit]").click()  # nothing filled in: errors
    page.wait_for_selector(".app-error-summary")
    assert not run_axe(page, axe_path)
    page.fill("#id_username", f"axe-new-{language}")
    page.fill("#id_password1", "a-long-unusual-passphrase-77")
    page.fill("#id_password2", "a-long-unusual-passphrase-77")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    page.wait_for_selector("main h1")
    assert not run_axe(page, axe_path)  # "Your account is ready"
    _check(page, f"{prefix}/people/invitations/{people_world['token']}/", status=410)  # used
    _check(page, f"{prefix}/people/invitations/{people_world['expired_token']}/", status=410)
    _check(page, f"{prefix}/people/invitations/unknown/", status=404)

    _sign_in(page, site, "axe-people-admin", language)
    owner = people_world["owner"]
    for path in (
        "/staff/people/",
        "/staff/people/?role=Action+owner&active=yes",
        "/staff/people/invite/",
        "/staff/people/invitations/",
        f"/staff/people/{owner.pk}/",
        f"/organisations/{people_world['heiw'].slug}/",
    ):
        _check(page, prefix + path)
    # The invitation form with errors, and the person's page refused as stale (409).
    page.goto(f"{prefix}/staff/people/invite/")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".app-error-summary")
    assert not run_axe(page, axe_path)
    page.goto(f"{prefix}/staff/people/{owner.pk}/")
    page.locator("main input[name=base]").first.evaluate("input => input.value = 'stale'")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector(".app-error-summary")
    assert not run_axe(page, axe_path)
