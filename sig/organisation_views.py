"""A page for each organisation: what it leads and supports, and what the group asked of it.
The public sees published decisions; staff also its internal decisions and overdue items."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actions.models import Organisation, OrganisationMembership
from actions.selectors import plan_current
from core import roles
from core.welsh_sort import sorted_by_name
from sig.selectors import organisation_overview


@require_safe
def organisation_list(request):
    # By name in the reader's alphabet: Welsh order on Welsh pages (core/welsh_sort.py).
    organisations = sorted_by_name(Organisation.objects.all(), lambda o: o.name)
    return render(request, "sig/organisation_list.html", {"organisations": organisations})


@require_safe
def organisation_detail(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    overview = organisation_overview(
        organisation=organisation, plan=plan_current(), user=request.user
    )
    if roles.is_staff_user(request.user):
        # Its people, for staff only: the public never sees who has an account.
        overview["members"] = organisation_members(organisation=organisation)
    return render(request, "sig/organisation_detail.html", overview)


def organisation_members(*, organisation) -> list[dict]:
    """The active people who act for the organisation, by name, with their roles."""
    memberships = (
        OrganisationMembership.objects.filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        .prefetch_related("user__groups")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    return [
        {
            "user": membership.user,
            "roles": [
                roles.ROLE_LABELS[group.name]
                for group in membership.user.groups.all()
                if group.name in roles.ROLE_LABELS
            ],
        }
        for membership in memberships
    ]
