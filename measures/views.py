from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from actions.models import DeliveryPlan
from actions.selectors import plan_current
from core import roles
from core.open_data import export_response
from core.spreadsheet import csv_response
from measures import open_data
from measures.freshness import indicator_freshness, stale_indicators
from measures.judgement import Judgement
from measures.models import Indicator, IndicatorBreakdown, Observation
from measures.progress import indicator_progress, state_counts
from measures.revisions import revised_ids, values_with_history
from measures.selectors import indicator_details, indicator_list
from themes.models import Theme

# Every model whose rows the indicator exports show.
_SOURCES = (Indicator, IndicatorBreakdown, Observation, DeliveryPlan, Theme)
# ?freshness=stale lists the indicators overdue for a new value (the dashboard links here).
STALE = "stale"


@require_safe
def indicator_index(request):
    """Every indicator of the plan in force, counted by state; ``?state=`` lists one state."""
    items = indicator_progress(indicator_list(plan=plan_current()), charts=False)
    state = request.GET.get("state", "")
    # An unknown state lists every indicator rather than failing: the counts link to known ones.
    state = Judgement(state) if state in Judgement.values else None
    listed = [i for i in items if i.state == state] if state else items
    stale = request.GET.get("freshness") == STALE
    if stale:
        overdue = stale_indicators((i.indicator for i in items), today=timezone.localdate())
        overdue_ids = {stale.indicator.pk for stale in overdue}
        listed = [i for i in listed if i.indicator.pk in overdue_ids]
    return render(
        request,
        "measures/indicator_list.html",
        {
            "items": listed,
            "counts": state_counts(items),
            "total": len(items),
            "state": state,
            "stale": stale,
        },
    )


def indicator_detail_context(request, *, pk: int) -> dict:
    """What the indicator page shows; tracker/composed_views.py adds what higher floors know."""
    indicator = get_object_or_404(indicator_details(), pk=pk)
    (item,) = indicator_progress([indicator])
    context = {
        "indicator": indicator,
        "item": item,
        "freshness": indicator_freshness(indicator, today=timezone.localdate()),
        "values": values_with_history(indicator=indicator),
        # Who recorded each value, and when: for the people who may read the audit trail.
        "show_recorded": roles.can_view_internal(request.user),
    }
    return context


@require_safe
def indicator_detail(request, pk: int):
    context = indicator_detail_context(request, pk=pk)
    return render(request, "measures/indicator_detail.html", context)


def _indicators_body(today) -> JsonResponse:
    indicators = list(indicator_list())
    revised = revised_ids(indicator_ids=[i.pk for i in indicators])
    records = [open_data.indicator_record(i, revised=revised, today=today) for i in indicators]
    return JsonResponse(
        {"count": len(records), "indicators": records}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def indicators_json(request):
    """Every indicator of every plan, built once per version of the data (core.open_data)."""
    today = timezone.localdate()
    return export_response(
        request,
        name="indicators.json",
        sources=_SOURCES,
        # Whether a series is stale changes with the date, not only with the data.
        parameters=(("today", today.isoformat()),),
        build=lambda: _indicators_body(today),
    )


def _indicator_by_code(plan: str, code: str) -> Indicator:
    theme, _dot, position = code.partition(".")
    if not (theme.isdigit() and position.isdigit()):
        raise Http404
    return get_object_or_404(
        indicator_details(), plan__slug=plan, theme__number=int(theme), position=int(position)
    )


@require_safe
def indicator_csv(request, plan: str, code: str):
    """One indicator's series, every value a row: /data/indicators/2024-2027/1.1.csv."""
    indicator = _indicator_by_code(plan, code)

    def build():
        revised = revised_ids(indicator_ids=[indicator.pk])
        return csv_response(
            f"indicator-{indicator.code}-{indicator.plan.slug}.csv",
            open_data.SERIES_COLUMNS,
            open_data.series_rows(indicator, revised=revised),
        )

    return export_response(
        request,
        name="indicator.csv",
        sources=_SOURCES,
        parameters=(("indicator", str(indicator.pk)),),
        build=build,
    )
