"""A page for each organisation: what it leads and supports, and what the group asked of it.
The public sees published decisions; staff also its internal decisions and overdue items."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actions.models import Organisation
from actions.selectors import plan_current
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
    return render(request, "sig/organisation_detail.html", overview)
