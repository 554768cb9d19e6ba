"""Line charts of indicator series, drawn as plain inline SVG.

The chart is built here as numbers and words, and drawn by the template
``measures/includes/chart.svg``: no JavaScript, no external files, no inline styles, so it
works on the web pages (under the Content Security Policy) and in the PDF report alike.
Sizes, styles and the drawn pieces are in ``measures.chart_parts``; axes and label
placement in ``measures.chart_layout``.

What makes it readable without colour or sight:

- the SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` that says what the data shows
  in words ("From 65 per cent in 2023 to 68 per cent in 2025.");
- each breakdown has its own marker shape and dash pattern as well as its own colour, and a
  label at the end of its line; the baseline is a hollow marker, explained in a key;
- the same values are given in a data table next to the chart (``chart.table``).

A chart needs values in at least two periods: a single point on an empty axis says nothing a
sentence does not, so an indicator with values in one period only gets a sentence instead
(``values_in_words``).
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from measures.chart_layout import Frame, place_labels, x_ticks, y_range, y_ticks, zero_left_off
from measures.chart_parts import (
    LABEL_WRAP,
    LINE_HEIGHT,
    PLOT_HEIGHT,
    WIDTH,
    Chart,
    ChartObservation,
    ChartPoint,
    ChartSeries,
    ChartTable,
    KeyItem,
    Leader,
    SeriesStyle,
    TableCell,
    TableRow,
    TextLine,
    series_style,
)
from measures.chart_parts import marker as _marker
from measures.chart_parts import n as _n
from measures.formatting import period_label, value_short, value_words
from measures.judgement import ordered_observations
from measures.models import Unit
from measures.periods import parse_period

__all__ = [
    "Chart",
    "SeriesStyle",
    "build_chart",
    "indicator_chart",
    "indicator_values_in_words",
    "render_chart",
    "series_style",
    "values_in_words",
]


def _label(observation: ChartObservation) -> tuple[str, str]:
    """A breakdown's label in the reader's language, and "en" if English stands in for it."""
    if not observation.breakdown:
        return _("Whole workforce"), ""
    language = (get_language() or "en").split("-")[0]
    own = getattr(observation, f"breakdown_label_{language}", None)
    if own:
        return own, ""
    english = getattr(observation, "breakdown_label_en", None) or observation.breakdown_label
    return english or observation.breakdown, ("en" if language != "en" else "")


def _series_label(points: list[ChartObservation]) -> tuple[str, str]:
    return _label(next((p for p in reversed(points) if p.breakdown_label), points[-1]))


def _describe(label: str, points: list[ChartObservation], unit: str, *, labelled: bool) -> str:
    first, last = points[0], points[-1]
    values = {
        "label": label,
        "value": value_words(last.value, unit),
        "period": period_label(last.period),
        "start": value_words(first.value, unit),
        "start_period": period_label(first.period),
        "end": value_words(last.value, unit),
        "end_period": period_label(last.period),
    }
    if len(points) == 1 and last.is_baseline:
        text = (
            _("{label}: {value} in {period} (the baseline), not measured since.")
            if labelled
            else _("{value} in {period} (the baseline). Not measured since the baseline.")
        )
    elif len(points) == 1:
        text = _("{label}: {value} in {period}.") if labelled else _("{value} in {period}.")
    else:
        text = (
            _("{label}: from {start} in {start_period} to {end} in {end_period}.")
            if labelled
            else _("From {start} in {start_period} to {end} in {end_period}.")
        )
    return text.format(**values)


def _series(
    frame: Frame, series_rows: dict[str, list[ChartObservation]], unit: str
) -> list[ChartSeries]:
    series = []
    for index, (breakdown, points) in enumerate(series_rows.items()):
        style = series_style(index)
        label, lang = _series_label(points)
        chart_points = tuple(
            ChartPoint(
                marker=_marker(style.marker, frame.x(p.period), frame.y(p.value)),
                period=p.period,
                period_label=period_label(p.period),
                value_label=value_short(p.value, unit),
                label_y=_n(frame.y(p.value) - 11),
                is_baseline=p.is_baseline,
            )
            for p in points
        )
        path = " ".join(
            f"{'M' if i == 0 else 'L'} {_n(frame.x(p.period))} {_n(frame.y(p.value))}"
            for i, p in enumerate(points)
        )
        series.append(
            ChartSeries(breakdown, label, lang, style, path, chart_points, (), None, None)
        )
    return series


def _with_direct_labels(
    frame: Frame,
    series: list[ChartSeries],
    series_rows: dict[str, list[ChartObservation]],
    unit: str,
) -> list[ChartSeries]:
    """Each line's name and latest value to the right of the plot.

    A line that reaches the last period is joined to its label by a thin leader. A line that
    stops earlier gets no leader, which would run across periods it has no value for and read
    as a value there; its label names the period of its latest value instead.
    """
    last_period = frame.periods[-1]

    def value_line(rows: list[ChartObservation]) -> str:
        latest = rows[-1]
        if latest.period == last_period:
            return value_short(latest.value, unit)
        return _("{value} in {period}").format(
            value=value_short(latest.value, unit), period=period_label(latest.period)
        )

    wrapped = [
        [*textwrap.wrap(s.label, LABEL_WRAP), value_line(rows)]
        for s, rows in zip(series, series_rows.values(), strict=True)
    ]
    tops = place_labels(
        [
            (frame.y(rows[-1].value), len(lines))
            for rows, lines in zip(series_rows.values(), wrapped, strict=True)
        ],
        4,
        frame.bottom + 30,
    )
    glyph_x, text_x = frame.right + 22, frame.right + 34
    labelled = []
    for s, rows, top, lines in zip(series, series_rows.values(), tops, wrapped, strict=True):
        last = s.points[-1].marker
        glyph_y = top + LINE_HEIGHT / 2 + 1
        reaches_end = rows[-1].period == last_period
        labelled.append(
            replace(
                s,
                label_lines=tuple(
                    TextLine(_n(text_x), _n(top + 12 + i * LINE_HEIGHT), text)
                    for i, text in enumerate(lines)
                ),
                label_marker=_marker(s.style.marker, glyph_x, glyph_y, 4.5),
                leader=(
                    Leader(_n(float(last.x) + 8), last.y, _n(glyph_x - 8), _n(glyph_y))
                    if reaches_end
                    else None
                ),
            )
        )
    return labelled


def _key(frame: Frame, rows: list[ChartObservation]) -> tuple[KeyItem, ...]:
    """Hollow is the baseline, filled a later value: said in words under the chart."""
    items = []
    if any(row.is_baseline for row in rows):
        items.append((_("Baseline"), True))
        if not all(row.is_baseline for row in rows):
            items.append((_("Later values"), False))
    key_y = frame.x_title_y + 26
    return tuple(
        KeyItem(
            _marker("circle", frame.left + 6 + i * 180, key_y - 4, 4.5),
            TextLine(_n(frame.left + 16 + i * 180), _n(key_y), text),
            hollow,
        )
        for i, (text, hollow) in enumerate(items)
    )


def _table(
    frame: Frame, series: list[ChartSeries], rows: list[ChartObservation], unit: str
) -> ChartTable:
    """The chart's values as a table: a row per period, a column per breakdown."""
    columns = tuple((s.label, s.label_lang) if frame.labelled else (_("Value"), "") for s in series)
    by_cell = {(row.period, row.breakdown or ""): row for row in rows}
    table_rows = []
    for period in frame.periods:
        cells = []
        for s in series:
            cell = by_cell.get((period, s.breakdown))
            cells.append(
                TableCell(value_short(cell.value, unit), cell.is_baseline)
                if cell is not None
                else TableCell("", False)
            )
        table_rows.append(TableRow(period_label(period), tuple(cells)))
    return ChartTable(columns, tuple(table_rows))


def _grouped(
    observations: Iterable[ChartObservation],
) -> tuple[list[ChartObservation], dict[str, list[ChartObservation]], tuple[str, ...]]:
    # Series in the order given (see measures.judgement.ordered_observations), each in time order.
    given = list(observations)
    series_rows: dict[str, list[ChartObservation]] = {}
    for row in given:
        series_rows.setdefault(row.breakdown or "", []).append(row)
    for rows_of_series in series_rows.values():
        rows_of_series.sort(key=lambda o: o.period_end)
    rows = sorted(given, key=lambda o: o.period_end)
    periods = tuple(
        sorted(
            {row.period for row in rows},
            key=lambda code: (parse_period(code).ends_on, parse_period(code).starts_on),
        )
    )
    return rows, series_rows, periods


def build_chart(
    *,
    chart_id: str,
    code: str,
    statement: str,
    unit: str,
    observations: Iterable[ChartObservation],
) -> Chart | None:
    """The chart of one indicator's values, or None when it has values in fewer than two
    periods (then ``values_in_words`` says what there is)."""
    rows, series_rows, periods = _grouped(observations)
    if len(periods) < 2:
        return None
    labelled = len(series_rows) > 1 or any(series_rows)
    frame = Frame(periods, labelled, *y_range([float(row.value) for row in rows], unit))

    series = _series(frame, series_rows, unit)
    if labelled:
        series = _with_direct_labels(frame, series, series_rows, unit)
    key = _key(frame, rows)
    desc = " ".join(
        _describe(s.label, points, unit, labelled=labelled)
        for s, points in zip(series, series_rows.values(), strict=True)
    )
    note_y = frame.x_title_y + (40 if key else 16)
    axis_note = None
    if zero_left_off(frame.low, frame.high):
        # The axis fits the data, so a reader must be told a small change is drawn large.
        desc = f"{desc} {_axis_note(frame, unit, value_words)}"
        axis_note = TextLine(_n(frame.left), _n(note_y + 10), _axis_note(frame, unit, value_short))
        note_y += 24
    return Chart(
        id=chart_id,
        title=_("Chart of indicator {code}: {statement}").format(code=code, statement=statement),
        desc=desc,
        width=WIDTH,
        height=int(note_y),
        plot_left=_n(frame.left),
        plot_right=_n(frame.right),
        plot_top=_n(frame.top),
        plot_bottom=_n(frame.bottom),
        x_ticks=x_ticks(frame),
        x_labels_rotated=frame.rotated,
        y_ticks=y_ticks(frame, unit),
        x_title=TextLine(_n((frame.left + frame.right) / 2), _n(frame.x_title_y), _("Period")),
        y_title=TextLine(_n(16), _n(frame.top + PLOT_HEIGHT / 2), _unit_title(unit)),
        series=tuple(series),
        point_values=not labelled,
        key=key,
        table=_table(frame, series, rows, unit),
        axis_note=axis_note,
    )


def _axis_note(frame: Frame, unit: str, words) -> str:
    def value(number: float) -> str:
        return words(Decimal(str(number)), unit)

    return _("The value axis does not start at zero: it runs from {low} to {high}.").format(
        low=value(frame.low), high=value(frame.high)
    )


def values_in_words(*, unit: str, observations: Iterable[ChartObservation]) -> str:
    """The values in a sentence per breakdown, for an indicator with too few for a chart:
    "65 per cent in 2023 (the baseline). Not measured since the baseline." Empty without values."""
    _rows, series_rows, _periods = _grouped(observations)
    labelled = len(series_rows) > 1 or any(series_rows)
    return " ".join(
        _describe(_series_label(points)[0], points, unit, labelled=labelled)
        for points in series_rows.values()
    )


def _unit_title(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


def indicator_chart(indicator) -> Chart | None:
    """The chart of an Indicator, from its observations (prefetch them)."""
    return build_chart(
        chart_id=f"indicator-{indicator.pk}-chart",
        code=indicator.code,
        statement=indicator.statement,
        unit=indicator.unit,
        observations=ordered_observations(indicator),
    )


def indicator_values_in_words(indicator) -> str:
    return values_in_words(unit=indicator.unit, observations=ordered_observations(indicator))


# Rendered charts are kept by their content, so a chart is drawn once per version of its data
# and language however many pages and requests show it; unchanged charts survive other writes.
CHART_CACHE_SECONDS = 24 * 60 * 60


def render_chart(chart: Chart) -> SafeString:
    """The chart as an ``<svg>`` element, for pages and the PDF report.

    The cache key is the chart's every drawn value (its data, labels and ids, already in the
    reader's language) and the language of the template's own words: a key can only name what
    it draws, so no write, as-at date or database can make it stale.
    """
    drawn = hashlib.sha256(repr(chart).encode()).hexdigest()
    key = f"chart-svg:{get_language() or ''}:{drawn}"
    svg = caches["default"].get(key)
    if svg is None:
        svg = str(render_to_string("measures/includes/chart.svg", {"chart": chart}))
        caches["default"].set(key, svg, CHART_CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 - rendered by our own autoescaping template above
