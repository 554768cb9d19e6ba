import pytest

from tests.factories import UserFactory
from tests.two_factor import code_for, device_for

pytestmark = pytest.mark.django_db


def test_sign_in_works_in_welsh_and_english(client):
    gwen = UserFactory(username="gwen", role="Editor")
    page = client.get("/cy/sign-in/").content.decode()
    assert '<html lang="cy">' in page and "Mewngofnodi" in page
    response = client.post("/sign-in/", {"username": "gwen", "password": "correct-horse-battery"})
    assert response.status_code == 302
    # Each role's start page: an Editor's is "Your actions".
    assert response["Location"] == "/staff/start/"
    # An Editor gives the code from their authenticator app first (people/two_factor.py).
    assert client.get("/staff/start/")["Location"] == "/two-factor/set-up/?next=/staff/start/"
    client.post("/two-factor/", {"code": code_for(device_for(gwen))})
    assert client.get(response["Location"])["Location"] == "/staff/"


def test_wrong_password_gets_an_error_summary(client):
    UserFactory(username="gwen")
    response = client.post("/sign-in/", {"username": "gwen", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct user name and password." in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, settings):
    UserFactory(username="gwen")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "gwen", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "gwen", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert client.get("/staff/").status_code == 302  # still signed out
