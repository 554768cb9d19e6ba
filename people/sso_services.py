"""Writes for single sign-on: find or make the account a provider's identity belongs to."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.history import SIGN_ON_CREATED
from people.models import Identity
from people.sso_selectors import email_domain, organisations_for_email

User = get_user_model()

# Why a sign-on was refused; each has its own explanation on the problem page.
NOT_SET_UP = "not-set-up"
EMAIL_IN_USE = "email-in-use"
DEACTIVATED = "deactivated"
NO_EMAIL = "no-email"
FAILED = "failed"
UNAVAILABLE = "unavailable"
REASONS = (NOT_SET_UP, EMAIL_IN_USE, DEACTIVATED, NO_EMAIL, FAILED, UNAVAILABLE)


class SignOnRefused(Exception):
    """The provider vouched for the person, but the tracker will not sign them in."""

    def __init__(self, reason: str, *, domain: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.domain = domain


def identity_subject(claims: dict) -> str:
    """The subject an identity is keyed by. Microsoft Entra ID's `sub` differs per application,
    while its tenant and object ids (`tid`, `oid`) name the person for good, so those win."""
    tid, oid = claims.get("tid"), claims.get("oid")
    if tid and oid:
        return f"{tid}:{oid}"
    subject = claims.get("sub")
    if not subject:
        raise SignOnRefused(FAILED)
    return str(subject)


def email_verified(claims: dict) -> bool:
    """The provider says the address is the person's: the standard `email_verified`, or Entra
    ID's `xms_edov` (the domain is verified by the tenant that owns the account). Strictly
    true: a string "false" is not a yes."""
    return claims.get("email_verified") is True or claims.get("xms_edov") is True


def _username_for(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "-", email)[:140] or "person"
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def _user_create(*, email: str, claims: dict):
    user = User(
        username=_username_for(email),
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    user.set_unusable_password()
    user.full_clean()
    # The audit trail shows the account as made by sign-on, by the person themselves.
    user._change_reason = SIGN_ON_CREATED
    user._history_user = user
    user.save()
    return user


def _user_for_new_identity(*, email: str, claims: dict):
    if not email:
        raise SignOnRefused(NO_EMAIL)
    existing = list(User.objects.filter(email__iexact=email)[:2])
    if existing:
        # An account made earlier (by an Administrator or an invitation) is taken over only
        # when the provider vouches for the address; else anyone who could set that address
        # at the provider would get the account.
        if len(existing) > 1 or not email_verified(claims):
            raise SignOnRefused(EMAIL_IN_USE)
        return existing[0]
    if not organisations_for_email(email):
        raise SignOnRefused(NOT_SET_UP, domain=email_domain(email))
    return _user_create(email=email, claims=claims)


def identity_sign_in(*, issuer: str, claims: dict):
    """The account for this provider identity, made on the first sign-on with no role.

    Refuses (SignOnRefused) an address whose domain no organisation allows, an address that
    belongs to an existing account when the provider does not vouch for it, and deactivated
    people."""
    try:
        return _identity_sign_in(issuer=issuer, claims=claims)
    except (ValidationError, IntegrityError) as exc:
        # Claims the account cannot hold (a malformed address), or the same person's first
        # sign-on finishing twice at once: nothing is saved, and signing on again works.
        raise SignOnRefused(FAILED) from exc


def _identity_sign_in(*, issuer: str, claims: dict):
    subject = identity_subject(claims)
    email = str(claims.get("email") or "").strip().lower()
    now = timezone.now()
    with transaction.atomic():
        identity = (
            Identity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        if identity is None:
            user = _user_for_new_identity(email=email, claims=claims)
            if not user.is_active:
                raise SignOnRefused(DEACTIVATED)
            identity = Identity(
                user=user, issuer=issuer, subject=subject, email=email, last_used_at=now
            )
            identity.full_clean()
            identity._history_user = user
            identity.save()
            return user
        if not identity.user.is_active:
            raise SignOnRefused(DEACTIVATED)
        # Sign-in times are not history (as for last_login): an update, no history row.
        changes = {"last_used_at": now}
        if email and email != identity.email:
            changes["email"] = email
        Identity.objects.filter(pk=identity.pk).update(**changes)
        return identity.user
