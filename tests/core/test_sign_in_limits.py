"""Password guessing: five failures per name and address, twenty per name from anywhere, and
X-Forwarded-For believed only from our own proxies (core/sign_in_limits.py)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "correct-horse-battery"


def _sign_in(client, password, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/sign-in/", {"username": "gwen", "password": password}, **extra)


def test_guesses_spread_over_many_addresses_lock_the_name(client, settings):
    UserFactory(username="gwen")
    addresses = [f"192.0.2.{n}" for n in range(1, 6)]
    per_address = settings.AXES_USERNAME_FAILURE_LIMIT // len(addresses)
    assert per_address < settings.AXES_FAILURE_LIMIT  # no single address reaches its own limit
    for address in addresses:
        for _ in range(per_address):
            _sign_in(client, "wrong", address)
    response = _sign_in(client, RIGHT, "198.51.100.7")
    assert response.status_code == 429


def test_fewer_guesses_spread_over_addresses_lock_nothing(client, settings):
    UserFactory(username="gwen")
    for n in range(settings.AXES_USERNAME_FAILURE_LIMIT - 1):
        _sign_in(client, "wrong", f"192.0.2.{n % 5 + 1}")  # at most 4 from each address
    assert _sign_in(client, RIGHT, "198.51.100.7").status_code == 302


def test_five_failures_from_one_address_lock_that_address_only(client, settings):
    UserFactory(username="gwen")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong", "192.0.2.1")
    assert _sign_in(client, RIGHT, "192.0.2.1").status_code == 429
    # The owner of the name, elsewhere, is not locked out by a stranger's five tries.
    assert _sign_in(client, RIGHT, "198.51.100.7").status_code == 302


def test_forwarded_address_from_a_stranger_is_ignored(client, settings):
    UserFactory(username="gwen")
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    # A client that is not our proxy cannot dodge the limit by writing a new address each time.
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong", "192.0.2.1", forwarded=f"203.0.113.{n}")
    assert _sign_in(client, RIGHT, "192.0.2.1", forwarded="203.0.113.99").status_code == 429


def test_forwarded_address_from_our_proxy_names_the_client(client, settings):
    UserFactory(username="gwen")
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    # Behind our proxy every request shares its address; the client's own address is counted.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong", "10.0.0.2", forwarded="203.0.113.5")
    assert _sign_in(client, RIGHT, "10.0.0.2", forwarded="203.0.113.5").status_code == 429
    # A forged left-hand entry does not help: the proxy appends the real address on the right.
    assert (
        _sign_in(client, RIGHT, "10.0.0.2", forwarded="198.51.100.1, 203.0.113.5").status_code
        == 429
    )
    # Another client behind the same proxy is not locked out.
    assert _sign_in(client, RIGHT, "10.0.0.2", forwarded="203.0.113.6").status_code == 302
