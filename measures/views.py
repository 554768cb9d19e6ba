from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actions.selectors import plan_current
from measures import open_data
from measures.models import Indicator
from measures.progress import indicator_progress
from measures.selectors import indicator_get, indicator_list


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


@require_safe
def indicators_json(request):
    records = [open_data.indicator_record(i) for i in indicator_list()]
    return JsonResponse(
        {"count": len(records), "indicators": records}, json_dumps_params={"ensure_ascii": False}
    )
