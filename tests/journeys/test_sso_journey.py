"""Issue 20, "Done when": a new HEIW member signs in through the organisation's OpenID Connect
provider (a real one, tests/oidc_provider/, in a second process) and is told to ask their
administrator; an Administrator gives them the action owner role for HEIW on the People pages;
they sign in again and update action 20. In Chromium, by links and forms only after typing the
home page's address."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from actions.models import Organisation, OrganisationMembership, ProgressUpdate
from core.roles import ACTION_OWNER
from people.models import Identity
from people.sso_config import metadata_forget
from tests.factories import UserFactory
from tests.journeys.browsing import Person
from tests.oidc_provider.people import ACCOUNTS, PASSWORD
from tests.oidc_provider.process import provider_running

MEMBER = ACCOUNTS["journey-member"]
SUMMARY = "Joint workforce plan agreed with HEIW's education commissioning team."


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    with provider_running(
        tmp_path_factory.mktemp("oidc-journey"),
        redirect_uris=[f"{live_server.url}/sign-on/callback/"],
    ) as running:
        yield running


@pytest.fixture
def sso_site(site, settings, provider):
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    metadata_forget()
    heiw = Organisation.objects.get(slug="heiw")
    heiw.allowed_email_domains = "heiw.nhs.wales"
    heiw.save()
    yield site
    metadata_forget()


def _sign_on(person: Person) -> None:
    """From any page: the header's sign-in link, then the organisation's account."""
    person.follow(person.t("Sign in"), within="header")
    # A link that looks like the page's main button (GOV.UK), so its role is button.
    button = person.page.locator("main").get_by_role(
        "button", name=person.t("Sign in with your organisation's account"), exact=True
    )
    person.click(button)


def test_a_new_heiw_member_signs_on_asks_for_a_role_then_updates_action_20(
    sso_site, new_context, provider
):
    member = Person(new_context(), sso_site, "en")
    member.arrive()
    _sign_on(member)

    # At the provider: its own sign-in page, on its own address.
    assert member.page.url.startswith(provider.url + "/accounts/login/")
    member.page.fill("#id_username", "journey-member")
    member.page.fill("#id_password", PASSWORD)
    member.submit("Sign in at the provider")

    assert member.page.url == f"{sso_site}/ask-your-administrator/"
    expect(member.page.locator("main h1")).to_have_text(
        member.t("Ask your administrator for access")
    )
    expect(member.page.locator("main")).to_contain_text("Health Education and Improvement Wales")
    User = get_user_model()
    user = User.objects.get(email=MEMBER.email)
    assert not user.groups.exists()
    assert Identity.objects.filter(user=user).count() == 1

    # An Administrator, from their start page and by clicking, grants the action owner role
    # for HEIW on the person's page.
    heiw = Organisation.objects.get(slug="heiw")
    UserFactory(username="sso-journey-admin", role="Administrator", is_staff=True)
    admin = Person(new_context(), sso_site, "en")
    admin.arrive()
    admin.sign_in("sso-journey-admin")
    admin.follow(admin.t("People: invite, change roles, deactivate"))
    admin.follow(user.get_full_name() or user.get_username())
    admin.page.locator("main").get_by_label(admin.t("Action owner"), exact=True).check()
    admin.page.select_option("#id_organisation", value=str(heiw.pk))
    admin.submit(admin.t("Save the role and organisation"))
    expect(admin.page.locator(".app-notification")).to_contain_text(
        admin.t("Role and organisation saved.")
    )
    assert list(user.groups.values_list("name", flat=True)) == [ACTION_OWNER]
    assert OrganisationMembership.objects.get(user=user).organisation == heiw

    # They sign out and sign in again; the provider remembers them, so no password this time.
    header = member.page.locator("header")
    with member.page.expect_navigation():
        header.get_by_role("button", name=member.t("Sign out")).click()
    _sign_on(member)

    expect(member.page.locator("main h1")).to_have_text(member.t("Your actions"))
    member.follow(member.t("Update action %(number)s", number=20))
    expect(member.page.locator("main h1")).to_have_text(
        member.t("Update action %(number)s", number=20)
    )
    member.page.get_by_label(member.t("On track"), exact=True).check()
    member.page.fill("#id_summary_en", SUMMARY)
    member.submit(member.t("Submit for review"))

    expect(member.page.locator(".app-notification")).to_contain_text(
        member.t("Update sent for review.")
    )
    update = ProgressUpdate.objects.get(summary_en=SUMMARY)
    assert update.action.number == 20
    assert update.submitted_by == user
