"""Reads for the People pages and the audit trail's invitation rows."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import Organisation
from core import roles
from people.models import Invitation

User = get_user_model()

NO_ROLE = "none"


@dataclass(frozen=True)
class PeopleFilter:
    role: str = ""  # a role's name, NO_ROLE, or "" for everyone
    organisation: Organisation | None = None
    active: bool | None = None


def people_list(*, filters: PeopleFilter = PeopleFilter()) -> QuerySet:
    """People by name, with their groups and organisation read in a fixed number of queries."""
    people = (
        User.objects.select_related("membership__organisation")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        .order_by("first_name", "last_name", "username", "pk")
    )
    if filters.role == NO_ROLE:
        people = people.filter(is_superuser=False).exclude(groups__name__in=roles.ROLE_LABELS)
    elif filters.role == roles.ADMINISTRATOR:
        people = people.filter(Q(groups__name=filters.role) | Q(is_superuser=True))
    elif filters.role:
        people = people.filter(groups__name=filters.role)
    if filters.organisation is not None:
        people = people.filter(membership__organisation=filters.organisation)
    if filters.active is not None:
        people = people.filter(is_active=filters.active)
    return people.distinct()


def person_detail(pk: int):
    return people_list().filter(pk=pk)


def invitations_open() -> QuerySet[Invitation]:
    """Invitations not yet accepted or withdrawn, newest first; expired ones too, so they can
    be sent again."""
    return Invitation.objects.filter(accepted_at=None, withdrawn_at=None).select_related(
        "organisation", "invited_by"
    )


def invitation_state(invitation: Invitation) -> str:
    if invitation.accepted_at:
        return "accepted"
    if invitation.withdrawn_at:
        return "withdrawn"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return "open"


def invitation_describe(record) -> str:
    """An invitation's row in the audit trail, from its history row alone."""
    role = roles.ROLE_LABELS.get(record.role, record.role)
    if record.accepted_at:
        state = _("accepted")
    elif record.withdrawn_at:
        state = _("withdrawn")
    else:
        state = _("sent, valid until {date}").format(
            date=timezone.localtime(record.expires_at).strftime("%Y-%m-%d %H:%M")
        )
    return _("{email} as {role}: {state}").format(email=record.email, role=role, state=state)
