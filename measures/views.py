from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actions.models import DeliveryPlan
from actions.selectors import plan_current
from measures import open_data
from measures.models import Indicator, Observation
from measures.progress import indicator_progress
from measures.selectors import indicator_get, indicator_list
from themes.models import Theme
from tracker.open_data import export_response


@require_safe
def indicator_index(request):
    items = indicator_progress(indicator_list(plan=plan_current()), charts=False)
    return render(request, "measures/indicator_list.html", {"items": items})


@require_safe
def indicator_detail(request, pk: int):
    try:
        indicator = indicator_get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc
    (item,) = indicator_progress([indicator])
    return render(request, "measures/indicator_detail.html", {"indicator": indicator, "item": item})


def _indicators_body() -> JsonResponse:
    records = [open_data.indicator_record(i) for i in indicator_list()]
    return JsonResponse(
        {"count": len(records), "indicators": records}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def indicators_json(request):
    """Every indicator of every plan, built once per version of the data (tracker.open_data)."""
    return export_response(
        request,
        name="indicators.json",
        sources=(Indicator, Observation, DeliveryPlan, Theme),
        parameters=(),
        build=_indicators_body,
    )
