from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actions.models import DeliveryPlan
from actions.selectors import plan_current
from core.open_data import export_response
from measures import open_data
from measures.judgement import Judgement
from measures.models import Indicator, IndicatorBreakdown, Observation
from measures.progress import indicator_progress, state_counts
from measures.selectors import indicator_details, indicator_list
from themes.models import Theme


@require_safe
def indicator_index(request):
    """Every indicator of the plan in force, counted by state; ``?state=`` lists one state."""
    items = indicator_progress(indicator_list(plan=plan_current()), charts=False)
    state = request.GET.get("state", "")
    # An unknown state lists every indicator rather than failing: the counts link to known ones.
    state = Judgement(state) if state in Judgement.values else None
    return render(
        request,
        "measures/indicator_list.html",
        {
            "items": [i for i in items if i.state == state] if state else items,
            "counts": state_counts(items),
            "total": len(items),
            "state": state,
        },
    )


@require_safe
def indicator_detail(request, pk: int):
    indicator = get_object_or_404(indicator_details(), pk=pk)
    (item,) = indicator_progress([indicator])
    return render(request, "measures/indicator_detail.html", {"indicator": indicator, "item": item})


def _indicators_body() -> JsonResponse:
    records = [open_data.indicator_record(i) for i in indicator_list()]
    return JsonResponse(
        {"count": len(records), "indicators": records}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def indicators_json(request):
    """Every indicator of every plan, built once per version of the data (core.open_data)."""
    return export_response(
        request,
        name="indicators.json",
        sources=(Indicator, IndicatorBreakdown, Observation, DeliveryPlan, Theme),
        parameters=(),
        build=_indicators_body,
    )
