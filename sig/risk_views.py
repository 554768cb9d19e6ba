"""The group's risk register: staff pages. Reads in selectors.py, writes in services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actions.selectors import plan_current
from core import roles
from core.access import internal_required
from core.service_errors import service_errors
from sig import selectors, services
from sig.forms import RiskForm


def _save(request, form, risk=None):
    """Send a valid form to the service; returns the outcome of service_errors."""
    data = dict(form.cleaned_data)
    actions = data.pop("action_numbers")
    themes = list(data.pop("themes"))
    base_version = data.pop("base_version", None)
    with service_errors(form) as outcome:
        outcome.risk = services.risk_save(
            user=request.user,
            data=data,
            actions=actions,
            themes=themes,
            risk=risk,
            base_version=base_version,
        )
    return outcome


@require_http_methods(["GET", "POST"])
@internal_required
def risk_list(request):
    can_edit = roles.can_hold_meetings(request.user)
    form = RiskForm(request.POST or None, plan=plan_current())
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid() and getattr(_save(request, form), "risk", None):
            messages.success(request, _("Risk added."))
            return redirect("staff:risks")
    return render(
        request,
        "sig/risk_list.html",
        {"risks": selectors.risks_all(), "form": form if can_edit else None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@internal_required
def risk_detail(request, pk: int):
    risk = get_object_or_404(selectors.risks_all(), pk=pk)
    can_edit = roles.can_hold_meetings(request.user)
    initial = {
        **{name: getattr(risk, name) for name in services.RISK_FIELDS},
        "action_numbers": ", ".join(str(a.number) for a in risk.actions.all()),
        "themes": list(risk.themes.all()),
        "base_version": risk.version,
    }
    form = RiskForm(request.POST or None, initial=initial, plan=plan_current())
    conflict = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            outcome = _save(request, form, risk)
            if getattr(outcome, "risk", None):
                messages.success(request, _("Risk saved."))
                return redirect(risk)
            conflict = outcome.conflict
    return render(
        request,
        "sig/risk_detail.html",
        {
            "risk": risk,
            "form": form if can_edit else None,
            "conflict": conflict,
            # Each saved version, newest first: the history of the score.
            "history": risk.history.order_by("-history_date", "-history_id"),
        },
        status=409 if conflict else (400 if form.errors else 200),
    )
