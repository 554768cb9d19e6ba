"""Editors' screens for an action's links to other plans and an ended plan's outcomes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from actions.lineage_forms import LinkForm, OutcomeForm
from actions.lineage_models import ActionLink
from actions.lineage_services import (
    action_link_add,
    action_link_confirm,
    action_link_remove,
    action_outcome_record,
)
from actions.models import Action
from actions.plan_selectors import action_lineage
from core.access import editor_required
from core.service_errors import service_errors


def _action(plan: str, number: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("plan", "theme"), plan__slug=plan, number=number
    )


@require_http_methods(["GET", "POST"])
@editor_required
def action_outcome(request, plan: str, number: int):
    action = _action(plan, number)
    if not action.plan.ended:
        # Only an ended plan's actions have outcomes; the page does not exist for the others.
        raise Http404
    current = getattr(action, "outcome", None)
    initial = {"outcome": current.outcome, "reason": current.reason} if current else None
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            action_outcome_record(
                user=request.user,
                action=action,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Outcome recorded."))
            return redirect(action.get_absolute_url())
    status = 400 if form.errors else 200
    return render(
        request, "staff/action_outcome.html", {"action": action, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@editor_required
def action_lineage_manage(request, plan: str, number: int):
    action = _action(plan, number)
    form = LinkForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            action_link_add(
                user=request.user,
                action=action,
                relation=form.cleaned_data["relation"],
                target=form.cleaned_data["target"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Link added."))
            return redirect("staff:action-lineage", plan=plan, number=number)
    return render(
        request,
        "staff/action_lineage.html",
        {"action": action, "lineage": action_lineage(action), "form": form},
        status=400 if form.errors else 200,
    )


def _link_change(change, message: str):
    @require_POST
    @editor_required
    def view(request, pk: int):
        link = get_object_or_404(ActionLink.objects.select_related("action__plan"), pk=pk)
        change(user=request.user, link=link)
        messages.success(request, message)
        # Back to the page the Editor came from: the action on either side of the link.
        back = request.POST.get("from_action")
        action = link.target if back == str(link.target_id) else link.action
        return redirect("staff:action-lineage", plan=action.plan.slug, number=action.number)

    return view


link_confirm = _link_change(action_link_confirm, gettext_lazy("Link confirmed."))
link_remove = _link_change(action_link_remove, gettext_lazy("Link removed."))
