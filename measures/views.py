from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from measures import open_data
from measures.models import Indicator
from measures.selectors import indicator_get, indicator_list


@require_safe
def indicator_index(request):
    return render(request, "measures/indicator_list.html", {"indicators": indicator_list()})


@require_safe
def indicator_detail(request, pk: int):
    try:
        indicator = indicator_get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "measures/indicator_detail.html", {"indicator": indicator})


@require_safe
def indicators_json(request):
    records = [open_data.indicator_record(i) for i in indicator_list()]
    return JsonResponse(
        {"count": len(records), "indicators": records}, json_dumps_params={"ensure_ascii": False}
    )
