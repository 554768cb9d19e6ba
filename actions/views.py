from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actions import open_data, staff_selectors
from actions.plan_models import PlanTheme
from actions.plan_selectors import action_lineage
from actions.selectors import (
    InvalidFilters,
    action_details,
    action_filtered,
    action_filterset,
    action_list,
    action_list_params,
    open_data_sources,
    partner_parts,
    plan_current,
)
from actions.status import action_is_overdue
from core import roles
from core.open_data import export_response
from core.pagination import PageNotFound, page_links, page_url, paginate
from core.spreadsheet import csv_response

# Fifty keeps a whole plan (41 actions) on one page while the page's work stays bounded.
PAGE_SIZE = 50


@require_safe
def action_index(request):
    params = action_list_params(data=request.GET)
    filterset = action_filterset(data=params)
    errors: dict[str, list[str]] = {}
    page = page_error = None
    try:
        actions = action_filtered(filterset=filterset)
        page = paginate(actions, params=params, per_page=PAGE_SIZE)
    except InvalidFilters as exc:
        errors = exc.errors
    except PageNotFound as exc:
        page_error = str(exc)
    fields = []
    for bound_field in filterset.form:
        field_errors = errors.get(bound_field.name, [])
        if field_errors:
            bound_field.field.widget.attrs["aria-describedby"] = f"{bound_field.auto_id}-error"
            bound_field.field.widget.attrs["aria-invalid"] = "true"
        fields.append({"field": bound_field, "errors": field_errors})
    download_query = params.copy()
    download_query.pop("page", None)
    return render(
        request,
        "actions/action_list.html",
        {
            "fields": fields,
            "filter_errors": errors,
            "page_error": page_error,
            "first_page": page_url(params, 1),
            "page": page,
            "pagination": page_links(page, params=params) if page else None,
            "query": download_query.urlencode(),
            # "All plans": each row says which plan its number belongs to.
            "show_plan": not params.get("plan"),
        },
        status=400 if errors or page_error else 200,
    )


def action_detail_context(request, *, plan: str, number: int) -> dict:
    """What the action page shows; tracker/composed_views.py adds what higher floors know."""
    action = get_object_or_404(action_details(), plan__slug=plan, number=number)
    return {
        "action": action,
        "history": staff_selectors.published_history(action),
        "overdue": action_is_overdue(action),
        "can_update": roles.can_submit_update(request.user, action),
        "in_force": action.plan == plan_current(),
        "plan_theme": PlanTheme.objects.filter(plan=action.plan, theme=action.theme).first(),
        "lineage": action_lineage(action),
        "partner_parts": partner_parts(action),
        "is_editor": roles.is_editor(request.user),
    }


@require_safe
def action_detail(request, plan: str, number: int):
    context = action_detail_context(request, plan=plan, number=number)
    return render(request, "actions/action_detail.html", context)


def _bad_filter(exc: InvalidFilters) -> JsonResponse:
    return JsonResponse(
        {"error": _("Some filters are not valid."), "fields": exc.errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


def _open_data_view(name: str, render_records):
    """A download of the filtered actions' open data records, rendered by render_records."""

    @require_safe
    def download(request) -> HttpResponse:
        try:
            actions = action_list(data=request.GET)
        except InvalidFilters as exc:
            return _bad_filter(exc)
        return export_response(
            request,
            name=name,
            sources=open_data_sources(),
            parameters=open_data.action_filter_parameters(request.GET),
            build=lambda: render_records(open_data.action_records(actions)),
        )

    return download


actions_json = _open_data_view(
    "actions.json",
    lambda records: JsonResponse(
        {"count": len(records), "actions": records}, json_dumps_params={"ensure_ascii": False}
    ),
)
actions_csv = _open_data_view(
    "actions.csv",
    lambda records: csv_response(
        "actions.csv", open_data.CSV_HEADER, map(open_data.action_csv_row, records)
    ),
)
