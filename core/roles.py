"""The tracker's roles. Each is a Django group; the server checks membership on every request."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

ADMINISTRATOR = "Administrator"
EDITOR = "Editor"
ACTION_OWNER = "Action owner"
SIG_MEMBER = "SIG member"

ROLE_LABELS = {
    ADMINISTRATOR: _("Administrator"),
    EDITOR: _("Editor"),
    ACTION_OWNER: _("Action owner"),
    SIG_MEMBER: _("Strategic implementation group member"),
}

_CONTENT_APPS = ("themes", "actions", "measures", "reports")


def roles_ensure() -> dict[str, Group]:
    """Create the role groups with their model permissions; safe to run again."""
    with transaction.atomic():
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_LABELS}
        content = Permission.objects.filter(content_type__app_label__in=_CONTENT_APPS)
        groups[ADMINISTRATOR].permissions.set(Permission.objects.all())
        groups[EDITOR].permissions.set(content.exclude(codename__startswith="delete_"))
        groups[SIG_MEMBER].permissions.set(content.filter(codename__startswith="view_"))
        groups[ACTION_OWNER].permissions.clear()
    return groups


def role_names(user) -> frozenset[str]:
    """The user's roles, read once per request object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_tracker_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {ADMINISTRATOR}
        user._tracker_roles = cached
    return cached


def is_editor(user) -> bool:
    """Editors and Administrators change any action, review updates and record values."""
    return bool(role_names(user) & {ADMINISTRATOR, EDITOR})


def can_view_internal(user) -> bool:
    """Drafts, internal notes and the audit trail: Editors, Administrators and the SIG."""
    return bool(role_names(user) & {ADMINISTRATOR, EDITOR, SIG_MEMBER})


def can_approve_story(user, author_ids) -> bool:
    """A theme story needs a second Editor: one who wrote none of the text being approved."""
    return is_editor(user) and user.pk not in set(author_ids)


def is_action_owner(user) -> bool:
    return ACTION_OWNER in role_names(user)


def is_staff_user(user) -> bool:
    return bool(role_names(user))


def owner_organisation_id(user) -> int | None:
    if not is_action_owner(user):
        return None
    membership = getattr(user, "membership", None)
    return membership.organisation_id if membership else None


def can_submit_update(user, action) -> bool:
    """Editors for any action; owners only for actions their organisation leads or partners.

    Not for an ended plan's actions: they get an outcome from an Editor, not updates."""
    if action.plan.ended:
        return False
    if is_editor(user):
        return True
    organisation_id = owner_organisation_id(user)
    if organisation_id is None:
        return False
    return action.owners.filter(organisation_id=organisation_id).exists()


def can_hold_meetings(user) -> bool:
    """SIG members and Editors hold the group's meetings and record its decisions."""
    return bool(role_names(user) & {ADMINISTRATOR, EDITOR, SIG_MEMBER})


def can_close_decision(user, decision) -> bool:
    """Editors, and the members of the organisation a decision is assigned to."""
    if is_editor(user):
        return True
    organisation_id = owner_organisation_id(user)
    return organisation_id is not None and organisation_id == decision.organisation_id
