"""Who may manage whom on the People pages.

Administrators manage everyone; Editors manage action owners of any organisation (and the
accounts single sign-on made, which have no role yet). Nobody manages their own account here,
so nobody grants themselves a higher role or locks themselves out; nobody grants a role above
their own. The services check these rules; the views use them to show only what may be done.
"""

from core import roles

# Highest first: the order a person's roles are named in.
ROLE_ORDER = (roles.ADMINISTRATOR, roles.EDITOR, roles.SIG_MEMBER, roles.ACTION_OWNER)
_EDITOR_MANAGES = frozenset({roles.ACTION_OWNER})


def person_roles(person) -> frozenset[str]:
    """The tracker roles an account holds, active or not (core.roles.role_names gives none for
    a deactivated account, which an Administrator still needs to see and reactivate)."""
    names = {group.name for group in person.groups.all()} & set(ROLE_ORDER)
    if person.is_superuser:
        names.add(roles.ADMINISTRATOR)
    return frozenset(names)


def main_role(names) -> str | None:
    return next((name for name in ROLE_ORDER if name in names), None)


def can_manage_people(user) -> bool:
    """The People pages: Administrators and Editors."""
    return roles.is_editor(user)


def grantable_roles(actor) -> list[str]:
    """The roles this person may give, highest first; never one above their own."""
    names = roles.role_names(actor)
    if roles.ADMINISTRATOR in names:
        return list(ROLE_ORDER)
    if roles.EDITOR in names:
        return [roles.ACTION_OWNER]
    return []


def can_manage_person(actor, person) -> bool:
    """Change the person's role or organisation, deactivate or reactivate them."""
    if not can_manage_people(actor) or actor.pk == person.pk:
        return False
    if roles.ADMINISTRATOR in roles.role_names(actor):
        return True
    return not person.is_superuser and person_roles(person) <= _EDITOR_MANAGES


def can_manage_invitation(actor, invitation) -> bool:
    """Withdraw or re-send: whoever may give the role it offers."""
    return invitation.role in grantable_roles(actor)
