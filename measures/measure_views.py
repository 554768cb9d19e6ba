"""The open data of progress measures: /data/measures.json and /data/measures.csv."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from actions.models import DeliveryPlan
from core.open_data import export_response
from core.spreadsheet import csv_response
from measures import measure_open_data
from measures.models import MeasureFigure, MeasureStatement, ProgressMeasure
from themes.models import Theme

# Every model whose rows appear in the exports, so a change to any of them is a new version.
_SOURCES = (ProgressMeasure, MeasureFigure, MeasureStatement, DeliveryPlan, Theme)


def _records() -> list[dict]:
    return [measure_open_data.measure_record(s) for s in measure_open_data.measure_summaries_all()]


def _json_body() -> JsonResponse:
    records = _records()
    return JsonResponse(
        {"count": len(records), "measures": records}, json_dumps_params={"ensure_ascii": False}
    )


def _csv_body():
    return csv_response(
        "measures.csv", measure_open_data.CSV_HEADER, measure_open_data.measure_csv_rows(_records())
    )


@require_safe
def measures_json(request):
    """Every progress measure of every plan, with its figures and statements."""
    return export_response(
        request, name="measures.json", sources=_SOURCES, parameters=(), build=_json_body
    )


@require_safe
def measures_csv(request):
    """The same as measures.json, one row per figure or statement."""
    return export_response(
        request, name="measures.csv", sources=_SOURCES, parameters=(), build=_csv_body
    )
