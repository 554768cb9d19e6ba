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
