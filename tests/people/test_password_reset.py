"""Password reset by email: Django's views and tokens, in both languages, the email in Welsh
and English (Welsh first), and never a word on whether an address has an account."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-and-long-passphrase-42"


def _ask(client, email: str, prefix: str = ""):
    return client.post(f"{prefix}/password-reset/", {"email": email})


def _links(text: str) -> list[str]:
    return re.findall(r"https?://\S+/password-reset/\S+/\S+/", text)


def test_reset_from_the_sign_in_page_to_signing_in_with_the_new_password(client, settings):
    settings.SITE_URL = "https://tracker.example.org"
    UserFactory(username="gwen", email="gwen@example.org", role="Action owner")
    sign_in = client.get("/sign-in/").content.decode()
    assert '<a href="/password-reset/">Forgotten your password?</a>' in sign_in
    assert client.get("/password-reset/").status_code == 200

    response = _ask(client, "gwen@example.org")
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["gwen@example.org"]
    # Welsh first, then English, in the subject, the text and the HTML.
    assert email.subject.endswith(" / Reset your password for the Workforce Strategy Tracker")
    welsh, english = _links(email.body)
    assert welsh.startswith("https://tracker.example.org/cy/password-reset/")
    assert english.startswith("https://tracker.example.org/password-reset/")
    assert email.body.index(welsh) < email.body.index(english)
    assert "Someone asked to reset the password of the account gwen" in email.body
    html, kind = email.alternatives[0]
    assert kind == "text/html"
    assert html.index('<div lang="cy">') < html.index('<div lang="en">')
    assert f'href="{english}"' in html

    path = english.removeprefix("https://tracker.example.org")
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_password = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/password-reset/done/"
    assert "Your password has been changed" in client.get("/password-reset/done/").content.decode()

    client.logout()
    old = client.post("/sign-in/", {"username": "gwen", "password": "correct-horse-battery"})
    assert old.status_code == 200  # refused
    new = client.post("/sign-in/", {"username": "gwen", "password": NEW_PASSWORD})
    assert new.status_code == 302
    # The link works once.
    assert "This link does not work" in client.get(path, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    UserFactory(username="gwen", email="gwen@example.org")
    known = _ask(client, "gwen@example.org")
    unknown = _ask(client, "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["gwen@example.org"]]


def test_a_switched_off_account_gets_no_email(client):
    UserFactory(username="gwen", email="gwen@example.org", is_active=False)
    assert _ask(client, "gwen@example.org")["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("email", "message"),
    [("", "Enter your email address"), ("not an address", "Enter an email address in the")],
)
def test_a_bad_address_is_named_beside_the_field(client, email, message):
    response = _ask(client, email)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert 'href="#id_email"' in body


def test_a_bad_link_says_so_and_offers_a_new_one(client):
    body = client.get("/password-reset/MQ/set-password-nope/").content.decode()
    assert "This link does not work" in body
    assert '<a href="/password-reset/">' in body


def test_different_new_passwords_are_refused(client):
    UserFactory(username="gwen", email="gwen@example.org")
    _ask(client, "gwen@example.org")
    english = _links(mail.outbox[0].body)[1]
    page = client.get(re.sub(r"^https?://[^/]+", "", english), follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )
    assert "The two passwords are different" in response.content.decode()


def test_the_welsh_pages_are_in_welsh(client):
    UserFactory(username="gwen", email="gwen@example.org")
    assert '<html lang="cy">' in client.get("/cy/password-reset/").content.decode()
    response = _ask(client, "gwen@example.org", "/cy")
    assert response["Location"] == "/cy/password-reset/sent/"
    assert '<a href="/cy/password-reset/">' in client.get("/cy/sign-in/").content.decode()


def test_sign_in_is_still_paused_after_repeated_wrong_passwords(client, settings):
    """django-axes still guards sign-in: a reset link is no way round it."""
    UserFactory(username="gwen", email="gwen@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "gwen", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "gwen", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert _ask(client, "gwen@example.org")["Location"] == "/password-reset/sent/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp+tls://mailer:s3cret@smtp.example.org:587", "smtp.EmailBackend smtp.example.org 587"),
        ("not-a-mail-server", "EMAIL_URL is not a mail server address"),
    ],
)
def test_email_url_names_the_mail_server(url, expected):
    """The reset email needs a mail server in production: EMAIL_URL sets it (settings are read
    once, at start-up, so a fresh process reads them)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT)"
    )
    env = {**os.environ, "EMAIL_URL": url, "DJANGO_SETTINGS_MODULE": "tracker.settings"}
    env.setdefault("SECRET_KEY", "test-only")
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert expected in result.stdout + result.stderr
