"""Pages of a lower app with what a higher one knows about them.

The action page and "Your actions" belong to actions/, and the indicator page to measures/,
which cannot import sig/ (it stands above them). Each view here takes the lower app's
context, adds the group's decisions, and renders a template that extends the lower one's
and fills the block it leaves open.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from actions.staff_views import my_actions_context
from actions.views import action_detail_context
from core import roles
from core.access import staff_required
from measures.views import indicator_detail_context
from sig.selectors import decisions_for_organisation, decisions_on_action, decisions_on_indicator


@require_safe
def action_detail(request, plan: str, number: int):
    context = action_detail_context(request, plan=plan, number=number)
    context["decisions"] = decisions_on_action(action=context["action"], user=request.user)
    return render(request, "tracker/action_detail.html", context)


@require_safe
def indicator_detail(request, pk: int):
    """The indicator page with the group's decisions about the indicator (measures stands
    below sig, so they are added here)."""
    context = indicator_detail_context(request, pk=pk)
    context["decisions"] = decisions_on_indicator(indicator=context["indicator"], user=request.user)
    return render(request, "tracker/indicator_detail.html", context)


@require_safe
@staff_required
def my_actions(request):
    """An owner's start page, with the decisions assigned to their organisation to carry out."""
    context = my_actions_context(request)
    organisation_id = roles.owner_organisation_id(request.user)
    context["decisions_to_do"] = (
        decisions_for_organisation(organisation_id=organisation_id)
        if organisation_id is not None
        else None
    )
    context["can_see_meetings"] = roles.can_view_internal(request.user)
    membership = getattr(request.user, "membership", None)
    context["organisation"] = membership.organisation if organisation_id is not None else None
    return render(request, "tracker/my_actions.html", context)
