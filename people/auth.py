"""Single sign-on through OpenID Connect: mozilla-django-oidc's backend, keyed by identity.

The library checks the state, exchanges the code (with PKCE) and checks the ID token's
signature and nonce. This backend adds what the library leaves out or does otherwise:

- the ID token's issuer, audience and expiry are checked too (the library checks neither the
  audience nor the issuer, and lets an expired token escape as an error page);
- accounts are found by issuer and subject (people.Identity), never by email alone;
- the rules for new accounts, linking and refusals live in people/sso_services.py.
"""

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from people.sso_config import provider_metadata, sso_enabled, sso_issuer
from people.sso_services import FAILED, SignOnRefused, identity_sign_in

# A little allowance for clocks that differ between the provider and this server.
LEEWAY_SECONDS = 60


class SignOnBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Django builds every backend for each password sign-in too, when single sign-on may
        # be off: the provider's settings are read only when someone signs on.
        self.UserModel = get_user_model()

    def _configure(self) -> None:
        metadata = provider_metadata()
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = self.get_settings("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the sign-on callback passes a nonce; a password sign-in never reaches the
        # provider, whatever its address says.
        if request is None or "nonce" not in kwargs or not sso_enabled():
            return None
        self._configure()
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as exc:
            # The provider refused the code (used twice, expired) or could not be reached.
            raise SignOnRefused(FAILED) from exc

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def _verify_jws(self, payload, key):
        """The signature with the one algorithm expected, and the token's issuer, audience and
        expiry, all required."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("ID token signed with an unexpected algorithm")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=sso_issuer(),
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def get_or_create_user(self, access_token, id_token, payload):
        """The account for the identity the ID token names (payload: its checked claims)."""
        claims = dict(payload)
        if not claims.get("email") and self.OIDC_OP_USER_ENDPOINT:
            # Some providers give the address only at the userinfo endpoint. Its answer must
            # be about the same person (OpenID Connect Core, 5.3.2).
            info = self.get_userinfo(access_token, id_token, payload)
            if str(info.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("userinfo names another subject")
            for name in ("email", "email_verified", "given_name", "family_name"):
                claims.setdefault(name, info.get(name))
        return identity_sign_in(issuer=sso_issuer(), claims=claims)

    def get_user(self, user_id):
        """A deactivated person's session ends at their next request."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
