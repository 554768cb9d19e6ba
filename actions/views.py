from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actions import open_data, staff_selectors
from actions.models import Action
from actions.selectors import InvalidFilters, action_filterset, action_get, action_list
from tracker import roles
from tracker.spreadsheet import csv_response


@require_safe
def action_index(request):
    filterset = action_filterset(data=request.GET)
    try:
        actions, errors, status = list(action_list(data=request.GET)), {}, 200
    except InvalidFilters as exc:
        actions, errors, status = [], exc.errors, 400
    fields = []
    for bound_field in filterset.form:
        field_errors = errors.get(bound_field.name, [])
        if field_errors:
            bound_field.field.widget.attrs["aria-describedby"] = f"{bound_field.auto_id}-error"
            bound_field.field.widget.attrs["aria-invalid"] = "true"
        fields.append({"field": bound_field, "errors": field_errors})
    return render(
        request,
        "actions/action_list.html",
        {
            "fields": fields,
            "filter_errors": errors,
            "actions": actions,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@require_safe
def action_detail(request, plan: str, number: int):
    try:
        action = action_get(plan_slug=plan, number=number)
    except Action.DoesNotExist as exc:
        raise Http404 from exc
    history = staff_selectors.update_history(action, include_unapproved=False)
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "history": history,
            "can_update": roles.can_submit_update(request.user, action),
        },
    )


def _bad_filter(exc: InvalidFilters) -> JsonResponse:
    return JsonResponse(
        {"error": _("Some filters are not valid."), "fields": exc.errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def actions_json(request):
    try:
        actions = action_list(data=request.GET)
    except InvalidFilters as exc:
        return _bad_filter(exc)
    records = [open_data.action_record(a) for a in actions]
    return JsonResponse(
        {"count": len(records), "actions": records}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def actions_csv(request):
    try:
        actions = action_list(data=request.GET)
    except InvalidFilters as exc:
        return _bad_filter(exc)
    return csv_response(
        "actions.csv", open_data.CSV_HEADER, (open_data.action_csv_row(a) for a in actions)
    )
