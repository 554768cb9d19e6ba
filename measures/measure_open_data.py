"""The public, stable shape of progress measures in /data/measures.json and /data/measures.csv.

Other services read these: add fields if you must, never rename or remove one. docs/open-data.md
documents every field.
"""

from django.utils import translation

from measures.measure_selectors import MeasureSummary, measure_list, measure_summaries
from measures.models import MeasureFigure, MeasureStatement
from measures.open_data import _number
from measures.periods import parse_period

CSV_HEADER = [
    "plan",
    "theme",
    "measure",
    "measure_text",
    "kind",
    "entry",
    "period",
    "period_start",
    "period_end",
    "more_than",
    "value",
    "unit",
    "unit_cy",
    "source",
    "source_url",
    "notes",
    "status",
    "date",
    "text",
    "text_cy",
]


def _line_text(measure, language: str) -> str | None:
    line = measure.line
    own = getattr(line, f"text_{language}") or None
    parent = getattr(line.parent, f"text_{language}") if line.parent_id else None
    if own and line.parent_id:
        return f"{parent} {own}" if parent else None
    return own


def figure_record(figure: MeasureFigure) -> dict:
    period = parse_period(figure.period)
    return {
        "period": figure.period,
        "period_start": period.starts_on.isoformat(),
        "period_end": period.ends_on.isoformat(),
        "more_than": figure.more_than,
        "value": _number(figure.value),
        "unit": figure.unit_en,
        "unit_cy": figure.unit_cy or None,
        "source": figure.source_en,
        "source_cy": figure.source_cy or None,
        "source_url": figure.source_url or None,
        "notes": figure.notes_en or None,
        "notes_cy": figure.notes_cy or None,
        "status": figure.status,
    }


def statement_record(statement: MeasureStatement) -> dict:
    return {
        "date": statement.stated_on.isoformat(),
        "text": statement.text_en,
        "text_cy": statement.text_cy or None,
    }


def measure_record(summary: MeasureSummary) -> dict:
    measure = summary.measure
    with translation.override("en"):
        series = [
            {
                "unit": s.latest.unit_en,
                "latest_period": s.latest.period,
                "latest_value": _number(s.latest.value),
                "latest_more_than": s.latest.more_than,
                # up, down, same, uncertain (a "more than" figure is involved) or first.
                "trend": s.trend,
                "trend_label": s.trend_words(),
            }
            for s in summary.series
        ]
    return {
        "plan": measure.line.plan.slug,
        "theme": measure.line.theme.number,
        "code": measure.code,
        "text": _line_text(measure, "en"),
        "text_cy": _line_text(measure, "cy"),
        "kind": measure.kind,
        "series": series,
        "figures": [figure_record(f) for s in summary.series for f in s.figures],
        "statements": [statement_record(s) for s in summary.statements],
    }


def measure_summaries_all() -> list[MeasureSummary]:
    """Every measure of every plan with everything recorded against it."""
    return measure_summaries(
        measures=list(measure_list()),
        figures=MeasureFigure.objects.all(),
        statements=MeasureStatement.objects.all(),
    )


def measure_csv_rows(records: list[dict]) -> list[list]:
    """One row per figure and per statement; a measure with neither has one row of its own."""
    rows = []
    for record in records:
        head = [record["plan"], record["theme"], record["code"], record["text"], record["kind"]]
        for f in record["figures"]:
            figure = [f["period"], f["period_start"], f["period_end"], f["more_than"], f["value"]]
            rows.append(
                head
                + ["figure", *figure, f["unit"], f["unit_cy"] or "", f["source"]]
                + [f["source_url"] or "", f["notes"] or "", f["status"], "", "", ""]
            )
        for s in record["statements"]:
            rows.append(
                head + ["statement"] + [""] * 11 + [s["date"], s["text"], s["text_cy"] or ""]
            )
        if not record["figures"] and not record["statements"]:
            rows.append(head + [""] * 15)
    return rows
