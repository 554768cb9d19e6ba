"""A person's side of the redirect flow without a browser: the tracker is driven with Django's
test client, the provider over HTTP with a requests session (its own cookie jar)."""

from urllib.parse import parse_qs, urlsplit

import requests

from tests.oidc_provider.people import PASSWORD

CALLBACK_PATH = "/sign-on/callback/"
TEST_CALLBACK = f"http://testserver{CALLBACK_PATH}"


def provider_signed_in(provider, username: str) -> requests.Session:
    """A session signed in at the provider as this account."""
    browser = requests.Session()
    login = f"{provider.url}/accounts/login/"
    browser.get(login, timeout=10).raise_for_status()
    answer = browser.post(
        login,
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
            "next": "/",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    return browser


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def provider_answer(browser: requests.Session, authorize_url: str) -> str:
    """The address the provider sends the person back to, code and state included."""
    answer = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]
