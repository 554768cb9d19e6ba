"""The public's view of the group's work: its published decisions, as a page and as open data."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.open_data import export_response
from sig import open_data, selectors


@require_safe
def decision_list(request):
    return render(
        request,
        "sig/decision_list.html",
        {
            "decisions": selectors.decisions_published(),
            "minutes": selectors.meetings_with_published_minutes(),
        },
    )


@require_safe
def decisions_json(request):
    return export_response(
        request,
        name="decisions.json",
        sources=selectors.open_data_sources(),
        parameters=[],
        build=lambda: _json(open_data.decision_records(selectors.decisions_published())),
    )


def _json(records: list[dict]) -> JsonResponse:
    return JsonResponse(
        {"count": len(records), "decisions": records}, json_dumps_params={"ensure_ascii": False}
    )
