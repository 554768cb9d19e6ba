"""Single sign-on against a real OpenID Connect provider running in a second process
(django-oauth-toolkit, tests/oidc_provider/): the whole redirect flow, the checks on state,
nonce and expiry, the allowed email domains, linking and refusals."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actions.models import Organisation
from core.history import SIGN_ON_CREATED
from people.models import Identity
from people.sso_config import metadata_forget
from tests.factories import UserFactory
from tests.oidc_provider.flow import (
    CALLBACK_PATH,
    TEST_CALLBACK,
    provider_answer,
    provider_signed_in,
    query_of,
)
from tests.oidc_provider.people import ACCOUNTS, TENANT
from tests.oidc_provider.process import provider_running

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with provider_running(
        tmp_path_factory.mktemp("oidc-provider"), redirect_uris=[TEST_CALLBACK]
    ) as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    metadata_forget()
    yield provider
    metadata_forget()


@pytest.fixture
def heiw(real_plan):
    organisation = Organisation.objects.get(slug="heiw")
    organisation.allowed_email_domains = "nhs.wales heiw.nhs.wales"
    organisation.save()
    return organisation


def start(client, path="/sign-on/") -> str:
    """The tracker's redirect to the provider's authorization endpoint."""
    response = client.get(path)
    assert response.status_code == 302
    return response["Location"]


def come_back(client, callback_url: str):
    assert callback_url.startswith(TEST_CALLBACK), callback_url
    return client.get(callback_url.removeprefix("http://testserver"))


def sign_on(client, provider, username: str):
    authorize = start(client)
    callback = provider_answer(provider_signed_in(provider, username), authorize)
    return come_back(client, callback)


def signed_in_user(client):
    return client.get("/staff/start/").wsgi_request.user


def test_the_start_sends_the_person_to_the_provider_with_state_nonce_and_pkce(client, sso):
    authorize = start(client)
    assert authorize.startswith(sso.issuer + "/authorize/")
    query = query_of(authorize)
    assert query["client_id"] == sso.client_id
    assert query["redirect_uri"] == TEST_CALLBACK
    assert query["code_challenge_method"] == "S256"
    assert {"state", "nonce", "code_challenge"} <= query.keys()
    assert "openid" in query["scope"].split()


def test_first_sign_on_makes_an_account_with_no_role_and_lands_on_ask_your_administrator(
    client, sso, heiw
):
    account = ACCOUNTS["new-member"]
    response = sign_on(client, sso, "new-member")

    assert response.status_code == 302
    assert response["Location"] == "/staff/start/"
    user = User.objects.get(email=account.email)
    assert not user.groups.exists()
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Nia", "Hughes")
    assert user.last_login is not None
    identity = Identity.objects.get(user=user)
    assert identity.issuer == sso.issuer
    assert identity.email == account.email
    assert identity.last_used_at is not None

    landing = client.get("/staff/start/", follow=True)
    assert landing.redirect_chain[-1][0] == "/ask-your-administrator/"
    page = landing.content.decode()
    assert "Ask your administrator for access" in page
    assert "Health Education and Improvement Wales" in page
    # No membership yet: an Administrator confirms the organisation with the role.
    assert not hasattr(user, "membership") or user.membership is None


def test_the_audit_trail_says_the_account_was_made_by_sign_on(client, sso, heiw):
    sign_on(client, sso, "new-member")
    user = User.objects.get(email=ACCOUNTS["new-member"].email)
    created = user.history.filter(history_type="+").values_list(
        "history_change_reason", "history_user_id"
    )
    assert list(created) == [(SIGN_ON_CREATED, user.pk)]
    assert Identity.history.get().history_user == user

    client.logout()
    client.force_login(UserFactory(role="Editor"))
    audit = client.get("/staff/audit/", {"kind": "people"}).content.decode()
    assert f"{user.username}; roles: none (account made by single sign-on)" in audit


def test_signing_on_again_uses_the_same_account_and_records_the_time(client, sso, heiw):
    sign_on(client, sso, "new-member")
    identity = Identity.objects.get()
    first_use = identity.last_used_at
    client.logout()

    response = sign_on(client, sso, "new-member")

    assert response.status_code == 302
    assert User.objects.filter(email=ACCOUNTS["new-member"].email).count() == 1
    identity.refresh_from_db()
    assert identity.last_used_at > first_use
    # A sign-in is not a change: no history row for it.
    assert identity.history.count() == 1
    assert signed_in_user(client) == identity.user


def test_a_forged_state_is_refused(client, sso, heiw, caplog):
    authorize = start(client)
    callback = provider_answer(provider_signed_in(sso, "new-member"), authorize)
    state = query_of(callback)["state"]
    forged = callback.replace(f"state={state}", "state=not-the-state-this-browser-started")

    response = come_back(client, forged)

    assert response.status_code == 302
    assert response["Location"] == "/sign-on/problem/?reason=failed"
    assert "state not found" in caplog.text
    assert not User.objects.filter(email=ACCOUNTS["new-member"].email).exists()
    assert not signed_in_user(client).is_authenticated
    page = client.get(response["Location"]).content.decode()
    assert "Sign-in did not work" in page


def test_a_nonce_that_does_not_match_is_refused(client, sso, heiw, caplog):
    authorize = start(client)
    state = query_of(authorize)["state"]
    # As if the ID token had been issued for another sign-in: the nonce this browser keeps
    # differs from the one the provider signed into the token.
    session = client.session
    session["oidc_states"][state]["nonce"] = "a-nonce-from-another-sign-in"
    session.save()
    callback = provider_answer(provider_signed_in(sso, "new-member"), authorize)

    response = come_back(client, callback)

    assert response["Location"] == "/sign-on/problem/?reason=failed"
    assert "Nonce verification failed" in caplog.text
    assert not User.objects.filter(email=ACCOUNTS["new-member"].email).exists()
    assert not signed_in_user(client).is_authenticated


def test_an_expired_id_token_is_refused(client, sso, heiw, caplog):
    response = sign_on(client, sso, "expired")

    assert response["Location"] == "/sign-on/problem/?reason=failed"
    assert "Signature has expired" in caplog.text
    assert not User.objects.filter(email=ACCOUNTS["expired"].email).exists()
    assert not signed_in_user(client).is_authenticated


def test_a_code_used_twice_is_refused(client, sso, heiw):
    authorize = start(client)
    callback = provider_answer(provider_signed_in(sso, "new-member"), authorize)
    come_back(client, callback)
    client.logout()
    # Replayed with a state this browser started anew.
    second = start(client)
    replay = callback.replace(
        f"state={query_of(callback)['state']}", f"state={query_of(second)['state']}"
    )

    response = come_back(client, replay)

    assert response["Location"] == "/sign-on/problem/?reason=failed"
    assert not signed_in_user(client).is_authenticated


def test_an_email_domain_no_organisation_allows_is_refused_and_no_account_is_made(
    client, sso, heiw
):
    response = sign_on(client, sso, "outsider")

    assert response["Location"] == "/sign-on/problem/?reason=not-set-up"
    assert not User.objects.filter(email=ACCOUNTS["outsider"].email).exists()
    assert not Identity.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Your organisation is not set up for the tracker yet" in page
    assert "example.com" in page


def test_the_refusal_page_is_in_welsh_for_a_sign_on_started_in_welsh(client, sso, heiw):
    authorize = start(client, "/cy/sign-on/")
    callback = provider_answer(provider_signed_in(sso, "outsider"), authorize)

    response = come_back(client, callback)

    assert response["Location"] == "/cy/sign-on/problem/?reason=not-set-up"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.content.decode().count('lang="cy"') >= 1


def test_an_existing_account_is_linked_when_the_provider_verifies_the_email(client, sso, heiw):
    editor = UserFactory(email=ACCOUNTS["verified-existing"].email, role="Editor")

    response = sign_on(client, sso, "verified-existing")

    assert response["Location"] == "/staff/start/"
    assert Identity.objects.get().user == editor
    assert signed_in_user(client) == editor
    assert User.objects.filter(email__iexact=editor.email).count() == 1


def test_an_existing_account_is_not_linked_when_the_email_is_not_verified(client, sso, heiw):
    owner = UserFactory(email=ACCOUNTS["unverified-existing"].email, role="Action owner")

    response = sign_on(client, sso, "unverified-existing")

    assert response["Location"] == "/sign-on/problem/?reason=email-in-use"
    assert not Identity.objects.exists()
    assert not signed_in_user(client).is_authenticated
    assert User.objects.filter(email__iexact=owner.email).count() == 1


def test_a_deactivated_person_cannot_sign_on(client, sso, heiw):
    sign_on(client, sso, "new-member")
    client.logout()
    user = User.objects.get(email=ACCOUNTS["new-member"].email)
    user.is_active = False
    user.save()

    response = sign_on(client, sso, "new-member")

    assert response["Location"] == "/sign-on/problem/?reason=deactivated"
    assert not signed_in_user(client).is_authenticated


def test_a_deactivated_persons_open_session_ends(client, sso, heiw):
    sign_on(client, sso, "new-member")
    User.objects.filter(email=ACCOUNTS["new-member"].email).update(is_active=False)

    assert not signed_in_user(client).is_authenticated


def test_entra_style_identities_are_keyed_by_tenant_and_object_id(client, sso, heiw):
    sign_on(client, sso, "entra-member")

    identity = Identity.objects.get()
    assert identity.subject == f"{TENANT}:{ACCOUNTS['entra-member'].object_id}"


def test_a_person_granted_a_role_starts_on_their_work(client, sso, heiw):
    from actions.models import OrganisationMembership
    from core.roles import ACTION_OWNER, roles_ensure

    sign_on(client, sso, "new-member")
    user = User.objects.get(email=ACCOUNTS["new-member"].email)
    roles_ensure()
    user.groups.add(Group.objects.get(name=ACTION_OWNER))
    OrganisationMembership.objects.create(user=user, organisation=heiw)

    assert client.get("/ask-your-administrator/")["Location"] == "/staff/start/"
    assert client.get("/staff/start/")["Location"] == "/staff/"
    assert client.get("/staff/actions/2024-2027/20/update/").status_code == 200


def test_the_provider_being_down_is_explained(client, settings, sso):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/o"  # nothing listens on the discard port
    metadata_forget()

    response = client.get("/sign-on/")

    assert response["Location"] == "/sign-on/problem/?reason=unavailable"
    assert "is not available" in client.get(response["Location"]).content.decode()


def test_password_sign_in_still_works_with_sign_on_on(client, sso):
    person = UserFactory(role="Editor")
    page = client.get("/sign-in/").content.decode()
    assert "Sign in with your organisation's account" in page

    response = client.post(
        "/sign-in/?code=x&state=y",
        {"username": person.username, "password": "correct-horse-battery"},
    )

    assert response.status_code == 302
    assert signed_in_user(client) == person


def test_the_callback_path_is_the_one_registered(sso):
    from django.urls import reverse

    assert reverse("sso-callback") == CALLBACK_PATH
