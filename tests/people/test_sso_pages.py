"""Single sign-on's pages and rules that need no provider: SSO off, the page for people without
a role, the staff start page's routing, the organisation suggested by email domain, the
subject and email rules, and the settings' checks."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from actions.models import Organisation, OrganisationMembership
from core.env import read_url
from people.models import Identity
from people.sso_selectors import organisation_suggested_for, organisations_for_email
from people.sso_services import (
    NO_EMAIL,
    SignOnRefused,
    email_verified,
    identity_sign_in,
    identity_subject,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sso_on(settings):
    settings.OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID = "client"
    settings.OIDC_RP_CLIENT_SECRET = "secret"  # noqa: S105


def _without_role(email="person@heiw.nhs.wales"):
    person = UserFactory(email=email)
    Identity.objects.create(user=person, issuer="https://idp", subject=email, email=email)
    return person


@pytest.mark.parametrize("path", ["/sign-on/", "/sign-on/problem/", "/sign-on/callback/"])
def test_with_sign_on_off_its_pages_do_not_exist(client, path):
    assert client.get(path).status_code == 404


def test_with_sign_on_off_the_sign_in_page_offers_passwords_only(client):
    page = client.get("/sign-in/").content.decode()
    assert "organisation's account" not in page
    assert "/sign-on/" not in page
    assert 'class="app-button"' in page


def test_with_sign_on_on_the_sign_in_page_offers_it_first_in_both_languages(client, sso_on):
    page = client.get("/sign-in/?next=/staff/updates/").content.decode()
    button = page.index('href="/sign-on/?next=/staff/updates/"')
    assert button < page.index("<form")
    assert "app-button app-button--secondary" in page
    welsh = client.get("/cy/sign-in/").content.decode()
    assert 'href="/cy/sign-on/"' in welsh


def test_the_staff_start_sends_people_without_a_role_to_ask_their_administrator(client):
    client.force_login(_without_role())
    assert client.get("/staff/start/")["Location"] == "/ask-your-administrator/"
    assert client.get("/cy/staff/start/")["Location"] == "/cy/ask-your-administrator/"


def test_the_staff_start_still_sends_anonymous_people_to_sign_in(client):
    assert client.get("/staff/start/")["Location"].startswith("/sign-in/?next=")


def test_ask_your_administrator_names_the_organisation_and_the_administrators(
    client, real_plan, settings
):
    settings.ACCESS_REQUESTS_EMAIL = "tracker@socialcare.wales"
    heiw = Organisation.objects.get(slug="heiw")
    heiw.allowed_email_domains = "heiw.nhs.wales"
    heiw.save()
    UserFactory(username="gwen-admin", first_name="Gwen", last_name="Lloyd", role="Administrator")
    UserFactory(username="left", first_name="Former", role="Administrator", is_active=False)
    client.force_login(_without_role())

    page = client.get("/ask-your-administrator/").content.decode()

    assert "Health Education and Improvement Wales" in page
    assert "Gwen Lloyd" in page
    assert "Former" not in page
    assert 'href="mailto:tracker@socialcare.wales"' in page
    welsh = client.get("/cy/ask-your-administrator/").content.decode()
    assert "Addysg a Gwella Iechyd Cymru" in welsh


def test_ask_your_administrator_is_for_signed_in_people_without_a_role(client):
    assert client.get("/ask-your-administrator/")["Location"].startswith("/sign-in/")
    client.force_login(UserFactory(role="SIG member"))
    assert client.get("/ask-your-administrator/")["Location"] == "/staff/start/"


def test_the_suggested_organisation_matches_the_whole_domain_only():
    heiw = OrganisationFactory(allowed_email_domains="heiw.nhs.wales  HEIW.wales")
    OrganisationFactory(allowed_email_domains="nhs.wales.example")

    assert organisations_for_email("a@heiw.nhs.wales") == [heiw]
    assert organisations_for_email("a@Heiw.Wales") == [heiw]
    assert organisations_for_email("a@sub.heiw.nhs.wales") == []
    assert organisations_for_email("a@nhs.wales") == []
    assert organisations_for_email("not-an-address") == []


def test_no_organisation_is_suggested_when_two_allow_the_domain_and_a_membership_wins():
    OrganisationFactory(allowed_email_domains="wales.nhs.uk")
    OrganisationFactory(allowed_email_domains="wales.nhs.uk")
    person = _without_role("a@wales.nhs.uk")
    assert organisation_suggested_for(person) is None

    chosen = OrganisationFactory()
    OrganisationMembership.objects.create(user=person, organisation=chosen)
    person.refresh_from_db()
    assert organisation_suggested_for(person) == chosen


def test_the_subject_is_tenant_and_object_id_when_given_else_sub():
    assert identity_subject({"sub": "pairwise", "tid": "t", "oid": "o"}) == "t:o"
    assert identity_subject({"sub": "pairwise", "oid": "o"}) == "pairwise"
    with pytest.raises(SignOnRefused):
        identity_subject({})


def test_only_a_true_claim_verifies_an_email():
    assert email_verified({"email_verified": True})
    assert email_verified({"xms_edov": True})
    assert not email_verified({"email_verified": "true"})
    assert not email_verified({"email_verified": False})
    assert not email_verified({})


def test_a_provider_that_gives_no_email_is_refused():
    with pytest.raises(SignOnRefused) as refused:
        identity_sign_in(issuer="https://idp", claims={"sub": "someone"})
    assert refused.value.reason == NO_EMAIL
    assert not Identity.objects.exists()


def test_the_problem_page_explains_each_reason(client, sso_on):
    page = client.get("/sign-on/problem/?reason=deactivated").content.decode()
    assert "Your account has been deactivated" in page
    unknown = client.get("/sign-on/problem/?reason=<script>").content.decode()
    assert "Sign-in did not work" in unknown
    assert "<script>" not in unknown


@pytest.mark.parametrize(
    "value",
    ["http://login.example.org/t", "ftp://x", "https://idp.example/?tenant=1", "login.example"],
)
def test_a_bad_issuer_setting_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("OIDC_ISSUER", value)
    with pytest.raises(ImproperlyConfigured, match="OIDC_ISSUER"):
        read_url("OIDC_ISSUER")


def test_a_good_issuer_setting_loses_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("OIDC_ISSUER", "https://login.microsoftonline.com/abc/v2.0/")
    assert read_url("OIDC_ISSUER") == "https://login.microsoftonline.com/abc/v2.0"
    monkeypatch.setenv("OIDC_ISSUER", "http://127.0.0.1:8000/o")
    assert read_url("OIDC_ISSUER") == "http://127.0.0.1:8000/o"


def test_an_address_the_account_cannot_hold_is_refused_without_an_error(real_plan):
    heiw = Organisation.objects.get(slug="heiw")
    heiw.allowed_email_domains = "heiw.nhs.wales"
    heiw.save()
    with pytest.raises(SignOnRefused) as refused:
        identity_sign_in(
            issuer="https://idp", claims={"sub": "s", "email": "two words@heiw.nhs.wales"}
        )
    assert refused.value.reason == "failed"
    assert not Identity.objects.exists()
