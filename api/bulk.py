"""/data/indicators.csv, /data/updates.csv, the bulk zip of every CSV and datapackage.json.

Served as the other exports are (core.open_data): an ETag per version of the data, built once
per version. The licence Link header is added by api.licence's middleware.
"""

import hashlib
import io
import json
import zipfile

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from actions.models import ProgressReview, ProgressUpdate
from actions.open_data import action_csv_row, action_records
from actions.selectors import action_list, open_data_sources
from actions.status import ActionStatus
from api.datapackage import FILES, INDICATOR_COLUMNS, datapackage
from core.open_data import export_response
from core.spreadsheet import csv_response
from measures import measure_open_data
from measures.models import (
    Indicator,
    IndicatorBreakdown,
    MeasureFigure,
    MeasureStatement,
    Observation,
    ProgressMeasure,
)
from measures.open_data import series_rows
from measures.revisions import revised_ids
from measures.selectors import indicator_list

_INDICATOR_SOURCES = (Indicator, IndicatorBreakdown, Observation, *open_data_sources())
_UPDATE_SOURCES = (ProgressUpdate, ProgressReview, *open_data_sources())
_MEASURE_SOURCES = (ProgressMeasure, MeasureFigure, MeasureStatement, *open_data_sources())
_ALL_SOURCES = tuple(dict.fromkeys(_INDICATOR_SOURCES + _UPDATE_SOURCES + _MEASURE_SOURCES))


def indicator_rows() -> list[list]:
    """Every value of every indicator of every plan (baselines too), one row each."""
    indicators = list(indicator_list())
    revised = revised_ids(indicator_ids=[i.pk for i in indicators])
    rows = []
    for indicator in indicators:
        for row in series_rows(indicator, revised=revised):
            status = row[INDICATOR_COLUMNS.index("status")]
            rows.append([*row, "true" if status == "provisional" else "false"])
    return rows


def update_rows() -> list[list]:
    """Every approved update, oldest approval first, with its summary in both languages."""
    labels = dict(ActionStatus.choices)
    updates = (
        ProgressUpdate.objects.approved()
        .select_related("action", "action__plan", "review", "reports_for")
        .order_by("review__reviewed_at", "pk")
    )
    return [
        [
            u.action.plan.slug,
            u.action.number,
            u.quarter,
            u.status,
            str(labels.get(u.status, u.status)),
            u.summary_en,
            u.summary_cy or "",
            u.next_steps,
            u.status_reason,
            u.revised_target_date.isoformat() if u.revised_target_date else "",
            u.date_change_reason,
            timezone.localdate(u.review.reviewed_at).isoformat(),
            reverse(
                "actions:detail", kwargs={"plan": u.action.plan.slug, "number": u.action.number}
            ),
            # A jointly owned action's update may report one organisation's part.
            u.reports_for.slug if u.reports_for else "",
        ]
        for u in updates
    ]


def _action_rows() -> list[list]:
    return [action_csv_row(record) for record in action_records(action_list(data={}))]


def _measure_rows() -> list[list]:
    records = [
        measure_open_data.measure_record(summary)
        for summary in measure_open_data.measure_summaries_all()
    ]
    return measure_open_data.measure_csv_rows(records)


_ROWS = {
    "actions": _action_rows,
    "indicators": indicator_rows,
    "updates": update_rows,
    "measures": _measure_rows,
}


def _csv(name: str) -> HttpResponse:
    (csv_file,) = [f for f in FILES if f.name == name]
    return csv_response(f"{name}.csv", csv_file.columns, _ROWS[name]())


def _serve(request, name: str, sources, build):
    # Whether a value is provisional, or an update approved, does not depend on the day; the
    # English-only field names make the exports the same in every language.
    return export_response(request, name=name, sources=sources, parameters=(), build=build)


@require_safe
def indicators_csv(request):
    return _serve(request, "indicators.csv", _INDICATOR_SOURCES, lambda: _csv("indicators"))


@require_safe
def updates_csv(request):
    return _serve(request, "updates.csv", _UPDATE_SOURCES, lambda: _csv("updates"))


def _json_text() -> str:
    return json.dumps(datapackage(), ensure_ascii=False, indent=2)


@require_safe
def datapackage_json(request):
    # It changes only with the code and the licence setting: its ETag is its content's hash.
    body = _json_text()
    etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:40]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type="application/json"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _zip() -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", _json_text())
        for csv_file in FILES:
            archive.writestr(f"{csv_file.name}.csv", _csv(csv_file.name).content)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="workforce-strategy-open-data.zip"'
    return response


@require_safe
def bulk_zip(request):
    return _serve(request, "open-data.zip", _ALL_SOURCES, _zip)
