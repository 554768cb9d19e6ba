"""Whether single sign-on is on, and the provider's endpoints.

The endpoints are read from the provider's discovery document,
``<OIDC_ISSUER>/.well-known/openid-configuration``, when the first person signs on, not at
start-up: the site must start, and password sign-in keep working, while the provider is down.
The document is kept for an hour per process, so a provider that moves its keys or endpoints
is followed without a restart.
"""

import logging
import threading
import time

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
KEEP_SECONDS = 60 * 60
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")

_lock = threading.Lock()
_documents: dict[str, tuple[float, dict]] = {}


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not fit the settings."""


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def sso_issuer() -> str:
    return settings.OIDC_ISSUER.rstrip("/")


def provider_metadata() -> dict:
    """The provider's discovery document, fetched at most once an hour per process."""
    issuer = sso_issuer()
    with _lock:
        kept = _documents.get(issuer)
        if kept and time.monotonic() - kept[0] < KEEP_SECONDS:
            return kept[1]
    document = _fetch(issuer)
    with _lock:
        _documents[issuer] = (time.monotonic(), document)
    return document


def _fetch(issuer: str) -> dict:
    url = issuer + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("Single sign-on: could not read %s: %s", url, exc)
        raise ProviderUnavailable(url) from exc
    # The document must be the issuer's own (OpenID Connect Discovery, section 4.3): a
    # mismatch means OIDC_ISSUER is mistyped or something answers in the provider's place.
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer:
        logger.warning("Single sign-on: %s names another issuer than OIDC_ISSUER", url)
        raise ProviderUnavailable(url)
    missing = [name for name in ENDPOINTS[:3] if not document.get(name)]
    if missing:
        logger.warning("Single sign-on: %s lacks %s", url, ", ".join(missing))
        raise ProviderUnavailable(url)
    return document


def metadata_forget() -> None:
    """Drop the kept documents (tests start providers on new ports)."""
    with _lock:
        _documents.clear()
