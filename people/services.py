"""Writes for people: invitations, roles, organisations, deactivation.

Each service checks who may act (people/rules.py) and writes inside one transaction. Every
row it saves names the person who acted (``_history_user``), so the audit trail says who even
when the service runs outside a request (a test, a shell, a task). A change to a person is
refused if the page was opened before someone else changed them (``base``, a fingerprint of
what the page showed), as the other forms refuse an older version.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from actions.models import Organisation, OrganisationMembership
from core import roles
from core.errors import EditConflict, NotAllowed
from people import rules
from people.models import Invitation
from people.tasks import invitation_send_task

logger = logging.getLogger(__name__)
User = get_user_model()

INVITATION_DAYS_DEFAULT = 7


class InvitationUnusable(Exception):
    """The link cannot be used: ``reason`` is "unknown", "expired", "withdrawn" or "used"."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def invitation_days() -> int:
    return getattr(settings, "INVITATION_DAYS", INVITATION_DAYS_DEFAULT)


def _expiry(start: datetime.datetime | None = None) -> datetime.datetime:
    return (start or timezone.now()) + datetime.timedelta(days=invitation_days())


def _queue_email(invitation_id: int, token: str) -> None:
    """Send the email once this transaction commits (what delay_on_commit does), so the
    worker finds the row. If the broker is down the page still answers, and the invitation
    can be re-sent from the invitations page."""

    def send() -> None:
        try:
            invitation_send_task.delay(invitation_id, token)
        except BrokerUnavailable:
            logger.warning("Invitation %s could not be queued: broker unavailable", invitation_id)

    transaction.on_commit(send)


def _check_role(role: str, organisation: Organisation | None, *, field: str = "role") -> None:
    if role not in roles.ROLE_LABELS:
        raise ValidationError({field: _("Select a role")})
    if role == roles.ACTION_OWNER and organisation is None:
        raise ValidationError(
            {"organisation": _("Select the organisation an action owner acts for")}
        )


# Invitations ---------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, actor, email: str, role: str, organisation: Organisation | None
) -> tuple[Invitation, str]:
    """Invite someone by email. Only a hash of the token is stored; the token itself goes in
    the email, so the returned token is the only other copy."""
    if not rules.can_manage_people(actor):
        raise NotAllowed(_("Only Administrators and Editors invite people."))
    email = (email or "").strip()
    _check_role(role, organisation)
    if role not in rules.grantable_roles(actor):
        raise NotAllowed(_("You may not give this role."))
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and rules.person_roles(existing):
        raise ValidationError(
            {"email": _("This person already has an account with a role: change it on their page")}
        )
    now = timezone.now()
    if Invitation.objects.filter(
        email__iexact=email, accepted_at=None, withdrawn_at=None, expires_at__gt=now
    ).exists():
        raise ValidationError(
            {"email": _("An invitation to this address is still open: re-send or withdraw it")}
        )
    token, hashed = _new_token()
    invitation = Invitation(
        email=email,
        role=role,
        organisation=organisation if role == roles.ACTION_OWNER or organisation else None,
        token_hash=hashed,
        invited_by=actor,
        created_at=now,
        expires_at=_expiry(now),
    )
    invitation.full_clean()
    invitation._history_user = actor
    invitation.save()
    _queue_email(invitation.pk, token)
    return invitation, token


def _open_invitation(invitation: Invitation) -> Invitation:
    """The invitation, locked, if it can still be withdrawn or re-sent."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError(_("This invitation has been accepted."))
    if locked.withdrawn_at is not None:
        raise ValidationError(_("This invitation has been withdrawn."))
    return locked


@transaction.atomic
def invitation_withdraw(*, actor, invitation: Invitation) -> Invitation:
    if not rules.can_manage_invitation(actor, invitation):
        raise NotAllowed(_("You may not withdraw invitations to this role."))
    invitation = _open_invitation(invitation)
    invitation.withdrawn_at = timezone.now()
    invitation._history_user = actor
    invitation.save()
    return invitation


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation) -> tuple[Invitation, str]:
    """A new link (the old one stops working) with a new expiry, emailed again."""
    if not rules.can_manage_invitation(actor, invitation):
        raise NotAllowed(_("You may not re-send invitations to this role."))
    invitation = _open_invitation(invitation)
    token, invitation.token_hash = _new_token()
    invitation.expires_at = _expiry()
    invitation.emailed_hash = ""
    invitation._history_user = actor
    invitation.save()
    _queue_email(invitation.pk, token)
    return invitation, token


def invitation_for_token(token: str, *, lock: bool = False) -> Invitation:
    """The invitation a link names, if it can still be accepted; else InvitationUnusable."""
    if not token or len(token) > 200:
        raise InvitationUnusable("unknown")
    invitations = Invitation.objects.select_related("organisation")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used", invitation)
    if invitation.withdrawn_at is not None:
        raise InvitationUnusable("withdrawn", invitation)
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable("expired", invitation)
    return invitation


def _grant(*, person, role: str, organisation: Organisation | None, actor) -> None:
    """Give the person exactly this tracker role (other groups stay), and the organisation.

    The groups change without a history row each (a removal then an addition would read as
    "no role" in between); the one save after them records the new roles, by ``actor``.
    """
    person.skip_history_when_saving = True
    try:
        keep = person.groups.exclude(name__in=roles.ROLE_LABELS)
        person.groups.set([*keep, Group.objects.get_or_create(name=role)[0]])
    finally:
        del person.skip_history_when_saving
    person._tracker_roles = None
    person._history_user = actor
    person.save(update_fields=["is_active"])
    _membership_set(person=person, organisation=organisation, actor=actor)


def _membership_set(*, person, organisation: Organisation | None, actor) -> None:
    membership = OrganisationMembership.objects.filter(user=person).first()
    if organisation is None:
        if membership is not None:
            membership._history_user = actor
            membership.delete()
        return
    if membership is not None and membership.organisation_id == organisation.pk:
        return
    membership = membership or OrganisationMembership(user=person)
    membership.organisation = organisation
    membership.full_clean()
    membership._history_user = actor
    membership.save()


@transaction.atomic
def invitation_accept(
    *, token: str, user=None, username: str = "", password: str = ""
) -> tuple[Invitation, object]:
    """Accept an invitation: as the account already signed in (single sign-on), which must
    have the invited address, or as a new local account with this name and password. The
    role, the organisation and the invitation's acceptance are saved together."""
    invitation = invitation_for_token(token, lock=True)
    if user is not None and user.is_authenticated:
        if (user.email or "").lower() != invitation.email.lower():
            raise ValidationError(
                _(
                    "This invitation is for %(email)s, but you are signed in with another "
                    "address. Sign out, then open the link again."
                )
                % {"email": invitation.email}
            )
        person = user
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            # One account per address: a first sign-on may already have made theirs.
            raise ValidationError(
                _(
                    "There is already an account with the address %(email)s. Sign in with it, "
                    "then open the link again."
                )
                % {"email": invitation.email}
            )
        username = (username or "").strip()
        if not username:
            raise ValidationError({"username": _("Enter a user name")})
        person = User(username=username, email=invitation.email, is_active=True)
        try:
            person.full_clean(exclude=["password"])
        except ValidationError as exc:
            if "username" in exc.message_dict:
                raise ValidationError(
                    {"username": _("This user name is taken or not allowed: choose another")}
                ) from exc
            raise
        try:
            password_validation.validate_password(password, person)
        except ValidationError as exc:
            raise ValidationError({"password1": exc.messages}) from exc
        person.set_password(password)
        # The account is made by the person accepting, so the record names them.
        person._history_user = person
        person.save()
    _grant(person=person, role=invitation.role, organisation=invitation.organisation, actor=person)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation._history_user = person
    invitation.save()
    return invitation, person


# People --------------------------------------------------------------------------------------


def person_base(person) -> str:
    """A fingerprint of what the person's page shows and may change: roles, organisation,
    active. A form sends it back; if it no longer matches, someone changed them meanwhile."""
    membership = OrganisationMembership.objects.filter(user=person).first()
    state = "|".join(
        [
            ",".join(sorted(rules.person_roles(person))),
            str(membership.organisation_id if membership else ""),
            str(person.is_active),
        ]
    )
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def _locked(person, *, actor, base: str):
    if not rules.can_manage_person(actor, person):
        raise NotAllowed(_("You may not change this person."))
    locked = User.objects.select_for_update().get(pk=person.pk)
    if person_base(locked) != base:
        raise EditConflict(
            _(
                "Someone else changed this person while you were looking at their page. The "
                "page now shows what they saved; check it and try again."
            ),
            current=locked,
        )
    return locked


@transaction.atomic
def person_update(*, actor, person, role: str, organisation: Organisation | None, base: str):
    """Change a person's role and organisation (an action owner needs an organisation)."""
    person = _locked(person, actor=actor, base=base)
    _check_role(role, organisation)
    current = rules.person_roles(person)
    if role not in rules.grantable_roles(actor):
        raise NotAllowed(_("You may not give this role."))
    if person.is_superuser and role != roles.ADMINISTRATOR:
        raise ValidationError(
            {"role": _("This account is a superuser: change its role in the administration")}
        )
    if current != {role}:
        _grant(person=person, role=role, organisation=organisation, actor=actor)
    else:
        _membership_set(person=person, organisation=organisation, actor=actor)
    return person


def _set_active(*, actor, person, base: str, active: bool):
    person = _locked(person, actor=actor, base=base)
    if person.is_active == active:
        return person
    person.is_active = active
    person._history_user = actor
    person.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_deactivate(*, actor, person, base: str):
    """They can no longer sign in; the account and everything it did stay."""
    return _set_active(actor=actor, person=person, base=base, active=False)


@transaction.atomic
def person_reactivate(*, actor, person, base: str):
    return _set_active(actor=actor, person=person, base=base, active=True)
