"""The second factor: Editors and Administrators give a code from an authenticator app after
their password, before any staff page or the admin, when single sign-on is off.

These tests sign in through the sign-in form (a password only), not with force_login, which
stands for a finished sign-in (tests/conftest.py). Codes are computed as the person's app
computes them, from the device's key (`django_otp.oath.totp`).
"""

import re
from base64 import b32encode

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.models import Organisation
from people.two_factor import DEMO_USERNAMES
from tests.factories import UserFactory, owner_of
from tests.two_factor import code_for, device_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _sign_in(client, username: str, prefix: str = "") -> None:
    response = client.post(f"{prefix}/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_an_editor_sets_up_an_app_before_any_staff_page(client):
    editor = UserFactory(username="gwen", role="Editor", is_staff=True)
    _sign_in(client, "gwen")
    for path in ("/staff/", "/staff/updates/", "/staff/dashboard/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/two-factor/set-up/?next="), path
    page = client.get("/two-factor/set-up/?next=/staff/updates/")
    body = page.content.decode()
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # The QR code inline, named, with no image fetched from elsewhere; the key as text too.
    assert re.search(r'<svg[^>]* role="img"[^>]* aria-labelledby="qr-title"', body)
    assert "<img" not in body.split('id="main"')[-1]
    key = b32encode(device.bin_key).decode()
    shown = re.search(r"<code[^>]*>([A-Z2-7 ]+)</code>", body).group(1)
    assert shown.replace(" ", "") == key
    response = client.post(
        "/two-factor/set-up/", {"code": f"{totp(device.bin_key):06d}", "next": "/staff/updates/"}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/updates/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/updates/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_setup_key_stays_the_same_after_a_wrong_code(client):
    editor = UserFactory(username="gwen", role="Editor")
    _sign_in(client, "gwen")
    client.get("/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=editor)
    response = client.post("/two-factor/set-up/", {"code": "000000"})
    if response.status_code == 302:  # 000000 was, by chance, the right code
        return
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert list(TOTPDevice.objects.filter(user=editor)) == [device]
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed


def test_an_editor_with_an_app_gives_its_code(client):
    editor = UserFactory(username="gwen", role="Editor")
    device = device_for(editor)
    _sign_in(client, "gwen")
    response = client.get("/staff/")
    assert response["Location"] == "/two-factor/?next=/staff/"
    assert client.get("/two-factor/?next=/staff/").status_code == 200
    response = client.post("/two-factor/", {"code": code_for(device), "next": "/staff/"})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(client):
    editor = UserFactory(username="gwen", role="Editor")
    device = device_for(editor)
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    _sign_in(client, "gwen")
    response = client.post("/two-factor/", {"code": wrong, "next": "/staff/"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "That code is not right. Enter the code your app shows now" in body
    assert 'href="#id_code"' in body
    assert client.get("/staff/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


@pytest.mark.parametrize("code", ["", "12345", "12ab56", "1234567"])
def test_a_code_that_is_not_six_digits_is_named(client, code):
    device_for(UserFactory(username="gwen", role="Editor"))
    _sign_in(client, "gwen")
    body = client.post("/two-factor/", {"code": code}).content.decode()
    expected = "Enter the 6-digit code" if not code else "Enter the 6 digits of the code"
    assert expected in body


def test_repeated_wrong_codes_pause_even_the_right_one(client):
    """django-otp's throttling: after failures, the next try must wait 1, 2, 4... seconds."""
    editor = UserFactory(username="gwen", role="Administrator")
    device = device_for(editor)
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    _sign_in(client, "gwen")
    response = client.post("/two-factor/", {"code": code_for(device)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_no_new_app_can_be_set_up_with_the_password_alone(client):
    """Someone who knows only the password cannot add an app of their own."""
    editor = UserFactory(username="gwen", role="Editor")
    device = device_for(editor)
    _sign_in(client, "gwen")
    response = client.get("/two-factor/set-up/")
    assert response["Location"].startswith("/two-factor/?next=")
    response = client.post("/two-factor/set-up/", {"code": code_for(device)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=editor)) == [device]
    assert client.get("/staff/").status_code == 302


def test_the_welsh_pages_ask_in_welsh(client):
    UserFactory(username="gwen", role="Editor")
    _sign_in(client, "gwen", "/cy")
    response = client.get("/cy/staff/")
    assert response["Location"] == "/cy/two-factor/set-up/?next=/cy/staff/"
    assert '<html lang="cy">' in client.get(response["Location"]).content.decode()


def test_the_code_sends_only_to_this_site(client):
    device = device_for(UserFactory(username="gwen", role="Editor"))
    _sign_in(client, "gwen")
    response = client.post("/two-factor/", {"code": code_for(device), "next": "https://x.test/"})
    assert response["Location"] == "/staff/start/"


def test_sign_out_works_before_the_code(client):
    UserFactory(username="gwen", role="Editor")
    _sign_in(client, "gwen")
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/staff/")["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("role", ["Action owner", "SIG member"])
def test_action_owners_and_sig_members_are_not_asked(client, role):
    if role == "Action owner":
        owner_of(Organisation.objects.get(slug="heiw"), username="gwen")
    else:
        UserFactory(username="gwen", role=role)
    _sign_in(client, "gwen")
    assert client.get("/staff/start/").status_code == 302
    landing = "/staff/" if role == "Action owner" else "/staff/dashboard/"
    assert client.get(landing).status_code == 200
    assert not TOTPDevice.objects.exists()


def test_with_single_sign_on_on_the_provider_asks_instead(client, settings):
    settings.OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    UserFactory(username="gwen", role="Editor")
    _sign_in(client, "gwen")
    assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize("debug", [False, True])
def test_the_demo_accounts_are_exempt_only_with_debug_on(client, settings, debug):
    settings.DEBUG = debug
    UserFactory(username="demo-editor", role="Editor")
    UserFactory(username="gwen", role="Editor")
    _sign_in(client, "demo-editor")
    assert client.get("/staff/").status_code == (200 if debug else 302)
    client.post("/sign-out/")
    _sign_in(client, "gwen")  # not a demo account: asked either way
    assert client.get("/staff/").status_code == 302


def test_the_exempt_names_are_the_demo_accounts():
    from devtools.management.commands.setup_demo import DEMO_ACCOUNTS

    assert {name for name, _role, _organisation in DEMO_ACCOUNTS} == DEMO_USERNAMES


def test_bin_serve_says_the_demo_accounts_are_exempt():
    from tests.conftest import ROOT

    assert "exempt from the second factor" in (ROOT / "bin" / "serve").read_text()


def test_force_login_in_tests_stands_for_both_steps(client):
    editor = UserFactory(role="Editor")
    client.force_login(editor)
    assert client.get("/staff/").status_code == 200
