"""Issue 20, "Done when": invitation, expiry, acceptance, role change and deactivation, each in
the audit trail with who and when; the invitation email (bilingual, sent once) and the pages
a link that cannot be used shows."""

import datetime
import hashlib
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from actions.models import Organisation, OrganisationMembership
from core.roles import ACTION_OWNER, EDITOR, roles_ensure
from people import services
from people.emails import invitation_email_send
from people.models import Invitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase-77"


@pytest.fixture
def administrator():
    roles_ensure()
    return UserFactory(username="ada", role="Administrator", is_staff=True)


@pytest.fixture
def heiw(real_plan):
    return Organisation.objects.get(slug="heiw")


def _link_token(message) -> str:
    return re.search(r"/people/invitations/([^/\s]+)/", message.body).group(1)


def _invite(client, administrator, heiw, email="new.person@heiw.example"):
    client.force_login(administrator)
    with_commit = client.post(
        "/staff/people/invite/",
        {"email": email, "role": ACTION_OWNER, "organisation": heiw.pk},
    )
    assert with_commit.status_code == 302, with_commit.content.decode()[:3000]
    return Invitation.objects.get(email=email)


def test_invitation_stores_only_a_hash_and_emails_a_bilingual_link(
    client, administrator, heiw, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/people/invite/",
            {"email": "new.person@heiw.example", "role": ACTION_OWNER, "organisation": heiw.pk},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.person@heiw.example")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    token = _link_token(message)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    # Welsh first, then English, in both parts; each with the link in its own language.
    body = message.body
    assert body.index(f"/cy/people/invitations/{token}/") < body.index("----------")
    assert body.index("----------") < body.index(f"0/people/invitations/{token}/")
    html = message.alternatives[0][0]
    assert html.index('lang="cy"') < html.index('lang="en"')
    assert "HEIW" in body or heiw.name in body
    # Expires after the configured number of days.
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


def test_the_email_goes_once_however_often_the_task_runs(client, administrator, heiw):
    invitation, token = services.invitation_create(
        actor=administrator, email="once@heiw.example", role=ACTION_OWNER, organisation=heiw
    )
    mail.outbox.clear()
    assert invitation_email_send(invitation_id=invitation.pk, token=token) is True
    assert invitation_email_send(invitation_id=invitation.pk, token=token) is False
    assert len(mail.outbox) == 1
    # Sent again: a new token, whose email goes; the old token's task sends nothing.
    invitation, new_token = services.invitation_resend(actor=administrator, invitation=invitation)
    assert invitation_email_send(invitation_id=invitation.pk, token=token) is False
    assert invitation_email_send(invitation_id=invitation.pk, token=new_token) is True
    assert len(mail.outbox) == 2


def test_invitation_expiry_accept_role_change_deactivation_and_the_audit_trail(
    client, administrator, heiw, django_capture_on_commit_callbacks
):
    invitation, token = services.invitation_create(
        actor=administrator, email="gwen@heiw.example", role=ACTION_OWNER, organisation=heiw
    )
    # Expired: a clear page, not a 500, and nothing is made.
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.logout()
    response = client.get(f"/people/invitations/{token}/")
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    response = client.get(f"/cy/people/invitations/{token}/")
    assert response.status_code == 410
    assert '<html lang="cy">' in response.content.decode()
    response = client.post(
        f"/people/invitations/{token}/",
        {"username": "gwen", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 410
    assert not User.objects.filter(username="gwen").exists()

    # Sent again: a new link with a new expiry; the old link stops working.
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        with_mail = client.post(f"/staff/people/invitations/{invitation.pk}/resend/")
    assert with_mail.status_code == 302
    token = _link_token(mail.outbox[-1])
    client.logout()

    # Accepted: a local account, with the role and the organisation, in one step.
    response = client.get(f"/people/invitations/{token}/")
    assert response.status_code == 200
    response = client.post(
        f"/people/invitations/{token}/",
        {"username": "gwen", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 400  # Django's password validators refuse it
    assert "too common" in response.content.decode()
    response = client.post(
        f"/people/invitations/{token}/",
        {"username": "gwen", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "Your account is ready" in response.content.decode()
    gwen = User.objects.get(username="gwen")
    assert gwen.email == "gwen@heiw.example"
    assert list(gwen.groups.values_list("name", flat=True)) == [ACTION_OWNER]
    assert gwen.membership.organisation == heiw
    assert gwen.check_password(PASSWORD) and gwen.is_active
    invitation.refresh_from_db()
    assert invitation.accepted_by == gwen and invitation.accepted_at is not None
    # Used: the link now says so.
    client.logout()
    assert client.get(f"/people/invitations/{token}/").status_code == 410

    # Role change and deactivation by the Administrator, on the person's page.
    client.force_login(administrator)
    page = client.get(f"/staff/people/{gwen.pk}/")
    base = page.context["base"]
    welsh_gov = Organisation.objects.get(slug="welsh-government")
    response = client.post(
        f"/staff/people/{gwen.pk}/",
        {"base": base, "role": EDITOR, "organisation": welsh_gov.pk},
    )
    assert response.status_code == 302
    gwen.refresh_from_db()
    assert list(gwen.groups.values_list("name", flat=True)) == [EDITOR]
    assert gwen.membership.organisation == welsh_gov
    base = client.get(f"/staff/people/{gwen.pk}/").context["base"]
    response = client.post(f"/staff/people/{gwen.pk}/active/", {"base": base, "active": "0"})
    assert response.status_code == 302
    gwen.refresh_from_db()
    assert not gwen.is_active and User.objects.filter(pk=gwen.pk).exists()

    # The audit trail: each step, with who made it.
    invitation_rows = list(Invitation.history.filter(id=invitation.pk).order_by("history_id"))
    assert [row.history_user for row in invitation_rows] == [administrator, administrator, gwen]
    assert invitation_rows[-1].accepted_at is not None
    people_rows = list(User.history.filter(id=gwen.pk).order_by("history_id"))
    by_admin = [row for row in people_rows if row.history_user == administrator]
    assert [row.is_active for row in by_admin] == [True, False]
    assert [r.group.name for r in by_admin[0].historicaluser_groups_set.all()] == [EDITOR]
    membership_rows = OrganisationMembership.history.filter(user_id=gwen.pk).order_by("history_id")
    assert [(row.organisation_id, row.history_user) for row in membership_rows] == [
        (heiw.pk, gwen),
        (welsh_gov.pk, administrator),
    ]
    body = client.get("/staff/audit/").content.decode()
    assert "Invitation: gwen@heiw.example as Action owner: accepted" in body
    assert "Invitation: gwen@heiw.example as Action owner: sent, valid until" in body
    assert "Account and roles: gwen (deactivated); roles: Editor" in body
    assert "Account and roles: gwen; roles: Editor" in body
    assert "Account and roles: gwen; roles: Action owner" in body
    filtered = client.get("/staff/audit/", {"kind": "invitations", "who": "ada"})
    assert filtered.status_code == 200
    assert "as Action owner: accepted" not in filtered.content.decode()


def test_withdrawn_and_unknown_links_show_clear_pages(client, administrator, heiw):
    invitation, token = services.invitation_create(
        actor=administrator, email="w@heiw.example", role=ACTION_OWNER, organisation=heiw
    )
    client.force_login(administrator)
    assert client.post(f"/staff/people/invitations/{invitation.pk}/withdraw/").status_code == 302
    client.logout()
    response = client.get(f"/people/invitations/{token}/")
    assert response.status_code == 410
    assert "This invitation was withdrawn" in response.content.decode()
    response = client.get("/cy/people/invitations/not-a-token/")
    assert response.status_code == 404
    assert 'lang="cy"' in response.content.decode()
    assert client.get("/people/invitations/" + "x" * 300 + "/").status_code == 404


def test_a_signed_in_person_with_the_invited_address_accepts_with_their_account(
    client, administrator, heiw
):
    """A first sign-on makes an account with no role; the invitation attaches to it."""
    signed_on = UserFactory(username="sso-person", email="Sso.Person@heiw.example")
    _invitation, token = services.invitation_create(
        actor=administrator, email="sso.person@heiw.example", role=ACTION_OWNER, organisation=heiw
    )
    # Not signed in: no second account for the same address.
    response = client.post(
        f"/people/invitations/{token}/",
        {"username": "sso-twin", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 400
    assert "already an account" in response.content.decode()
    assert not User.objects.filter(username="sso-twin").exists()
    someone_else = UserFactory(username="someone-else", email="else@heiw.example")
    client.force_login(someone_else)
    response = client.post(f"/people/invitations/{token}/")
    assert response.status_code == 400
    assert "signed in with another address" in response.content.decode()
    client.force_login(signed_on)
    response = client.post(f"/people/invitations/{token}/")
    assert response.status_code == 302
    assert list(signed_on.groups.values_list("name", flat=True)) == [ACTION_OWNER]
    assert OrganisationMembership.objects.get(user=signed_on).organisation == heiw
    assert User.objects.filter(email__iexact="sso.person@heiw.example").count() == 1


def test_invitation_expiry_follows_the_setting(administrator, heiw, settings):
    settings.INVITATION_DAYS = 2
    invitation, _token = services.invitation_create(
        actor=administrator, email="two@heiw.example", role=ACTION_OWNER, organisation=heiw
    )
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=2)


def test_bad_invitations_are_refused_beside_the_field(client, administrator, heiw):
    client.force_login(administrator)
    UserFactory(username="has-role", email="taken@heiw.example", role=EDITOR)
    cases = [
        ({"email": "not-an-address", "role": ACTION_OWNER, "organisation": heiw.pk}, "email"),
        ({"email": "a@heiw.example", "role": ACTION_OWNER}, "organisation"),
        ({"email": "a@heiw.example", "role": "Superhero"}, "role"),
        ({"email": "taken@heiw.example", "role": ACTION_OWNER, "organisation": heiw.pk}, "email"),
        ({"email": "a@x.example", "role": ACTION_OWNER, "organisation": "99999"}, "organisation"),
    ]
    for data, field in cases:
        response = client.post("/staff/people/invite/", data)
        assert response.status_code == 400, data
        assert field in response.context["form"].errors, (data, response.context["form"].errors)
    _invite(client, administrator, heiw, email="twice@heiw.example")
    response = client.post(
        "/staff/people/invite/",
        {"email": "TWICE@heiw.example", "role": ACTION_OWNER, "organisation": heiw.pk},
    )
    assert response.status_code == 400
    assert "still open" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_accepting_with_a_taken_user_name_or_different_passwords_is_refused(
    client, administrator, heiw
):
    _invitation, token = services.invitation_create(
        actor=administrator, email="p@heiw.example", role=ACTION_OWNER, organisation=heiw
    )
    client.logout()
    response = client.post(
        f"/people/invitations/{token}/",
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 400
    assert "username" in response.context["form"].errors
    response = client.post(
        f"/people/invitations/{token}/",
        {"username": "p", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert response.status_code == 400
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(username="p").exists()
