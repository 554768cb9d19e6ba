"""Line charts of indicator series, drawn as plain inline SVG.

The chart is built here as numbers and words, and drawn by the template
``measures/includes/chart.svg``: no JavaScript, no external files, no inline styles, so it
works on the web pages (under the Content Security Policy) and in the PDF report alike.

What makes it readable without colour or sight:

- the SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` that says what the data shows
  in words ("From 65 per cent in 2023 to 68 per cent in 2025.");
- each breakdown has its own marker shape and dash pattern as well as its own colour, and a
  label at the end of its line; the baseline is a hollow marker, explained in a key;
- the same values are given in a data table next to the chart (``chart.table``).
"""

from __future__ import annotations

import datetime
import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from measures.formatting import period_label, value_short, value_words
from measures.models import Unit
from measures.periods import parse_period

WIDTH = 640
PLOT_TOP = 28
PLOT_HEIGHT = 200
PLOT_LEFT = 64
RIGHT_MARGIN_SINGLE = 40
RIGHT_MARGIN_LABELLED = 210
INNER_PADDING = 28
LINE_HEIGHT = 15
LABEL_WRAP = 24
ROTATE_X_LABELS_AFTER = 5
MARKER_SIZE = 5.5


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str  # stroke-dasharray; "" for a solid line
    marker: str  # circle, square, triangle, diamond or triangle-down


# Colours all have at least 4.5:1 contrast on white; shapes and dashes tell lines apart without
# them. Five markers and four dashes: the first 20 breakdowns all look different.
_COLOURS = ("#1d70b8", "#5b2c6f", "#6f3800", "#00703c")
_DASHES = ("", "8 4", "2 4", "10 4 2 4")
_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down")


def series_style(index: int) -> SeriesStyle:
    return SeriesStyle(
        _COLOURS[index % len(_COLOURS)],
        _DASHES[index % len(_DASHES)],
        _MARKERS[index % len(_MARKERS)],
    )


class ChartObservation(Protocol):
    period: str
    period_end: datetime.date
    breakdown: str
    breakdown_label: str
    value: Decimal
    is_baseline: bool


@dataclass(frozen=True)
class Marker:
    x: str
    y: str
    polygon: str  # points of the shape; empty for a circle
    radius: str


@dataclass(frozen=True)
class ChartPoint:
    marker: Marker
    period: str
    period_label: str
    value_label: str
    label_y: str
    is_baseline: bool


@dataclass(frozen=True)
class TextLine:
    x: str
    y: str
    text: str


@dataclass(frozen=True)
class Leader:
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True)
class ChartSeries:
    breakdown: str
    label: str
    label_lang: str  # "en" where the Welsh label is missing and English shows instead
    style: SeriesStyle
    path: str
    points: tuple[ChartPoint, ...]
    label_lines: tuple[TextLine, ...]
    label_marker: Marker | None
    leader: Leader | None


@dataclass(frozen=True)
class KeyItem:
    marker: Marker
    text: TextLine
    hollow: bool


@dataclass(frozen=True)
class Tick:
    x: str
    y: str  # where the label's text sits
    label: str
    transform: str = ""
    line_y: str = ""  # y of the grid line, for the value axis


@dataclass(frozen=True)
class TableCell:
    text: str  # empty where the breakdown has no value for the period
    is_baseline: bool


@dataclass(frozen=True)
class TableRow:
    period_label: str
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class ChartTable:
    columns: tuple[tuple[str, str], ...]  # (label, lang)
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    plot_left: str
    plot_right: str
    plot_top: str
    plot_bottom: str
    x_ticks: tuple[Tick, ...]
    x_labels_rotated: bool
    y_ticks: tuple[Tick, ...]
    x_title: TextLine
    y_title: TextLine
    series: tuple[ChartSeries, ...]
    point_values: bool
    key: tuple[KeyItem, ...]  # how the baseline is marked; empty when there is none
    table: ChartTable

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"


def _n(number: float) -> str:
    """A coordinate for the SVG: one decimal at most, never localised."""
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _marker(kind: str, x: float, y: float, size: float = MARKER_SIZE) -> Marker:
    s = size
    shapes = {
        "square": [
            (-s * 0.9, -s * 0.9),
            (s * 0.9, -s * 0.9),
            (s * 0.9, s * 0.9),
            (-s * 0.9, s * 0.9),
        ],
        "triangle": [(0, -s * 1.2), (s * 1.1, s * 0.8), (-s * 1.1, s * 0.8)],
        "diamond": [(0, -s * 1.3), (s * 1.1, 0), (0, s * 1.3), (-s * 1.1, 0)],
        "triangle-down": [(0, s * 1.2), (s * 1.1, -s * 0.8), (-s * 1.1, -s * 0.8)],
    }
    polygon = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in shapes.get(kind, []))
    return Marker(_n(x), _n(y), polygon, _n(s))


def _nice_step(raw: float) -> float:
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10**exponent
    for nice in (1, 2, 2.5, 5):
        if fraction <= nice:
            return nice * 10**exponent
    return 10 * 10**exponent


def _y_range(values: list[float], unit: str) -> tuple[float, float, float]:
    """The y axis: from 0 (or below, for negative values) to 100 for a percentage."""
    if unit == "percent":
        return 0.0, 100.0, 20.0
    top, bottom = max(*values, 0.0), min(*values, 0.0)
    step = _nice_step((top - bottom) / 5 or 1)
    if unit == "count":
        step = max(step, 1.0)
    low, high = math.floor(bottom / step) * step, math.ceil(top / step) * step
    return low, (high if high > low else low + step), step


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
            _("{label}: {value} in {period} (the baseline), no newer value yet.")
            if labelled
            else _("{value} in {period} (the baseline). No newer value yet.")
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


def _place_labels(blocks: list[tuple[float, int]], low: float, high: float) -> list[float]:
    """Tops of label blocks (wanted centre, lines) so that none overlap, kept in order."""
    order = sorted(range(len(blocks)), key=lambda i: blocks[i][0])
    tops = [0.0] * len(blocks)
    bottom = low - 6
    for i in order:
        centre, lines = blocks[i]
        tops[i] = max(centre - lines * LINE_HEIGHT / 2, bottom + 6)
        bottom = tops[i] + lines * LINE_HEIGHT
    overflow = bottom - high
    if overflow > 0:
        for i in order:
            tops[i] = max(low, tops[i] - overflow)
    return tops


@dataclass(frozen=True)
class _Frame:
    """Where things go: the plot area, and the x and y of a period and a value."""

    periods: tuple[str, ...]
    labelled: bool
    low: float
    high: float
    step: float
    left: float = PLOT_LEFT
    top: float = PLOT_TOP
    bottom: float = PLOT_TOP + PLOT_HEIGHT

    @property
    def right(self) -> float:
        return WIDTH - (RIGHT_MARGIN_LABELLED if self.labelled else RIGHT_MARGIN_SINGLE)

    @property
    def rotated(self) -> bool:
        return len(self.periods) > ROTATE_X_LABELS_AFTER

    @property
    def x_title_y(self) -> float:
        return self.bottom + (92 if self.rotated else 46)

    def x(self, period: str) -> float:
        if len(self.periods) == 1:
            return (self.left + self.right) / 2
        gap = (self.right - self.left - 2 * INNER_PADDING) / (len(self.periods) - 1)
        return self.left + INNER_PADDING + self.periods.index(period) * gap

    def y(self, value) -> float:
        return self.bottom - (float(value) - self.low) / (self.high - self.low) * PLOT_HEIGHT


def _y_ticks(frame: _Frame, unit: str) -> tuple[Tick, ...]:
    ticks = []
    count = round((frame.high - frame.low) / frame.step)
    for i in range(count + 1):
        value = frame.low + i * frame.step
        ticks.append(
            Tick(
                _n(frame.left - 8),
                _n(frame.y(value) + 4),
                value_short(Decimal(str(round(value, 6))), unit),
                line_y=_n(frame.y(value)),
            )
        )
    return tuple(ticks)


def _x_ticks(frame: _Frame) -> tuple[Tick, ...]:
    y = frame.bottom + (16 if frame.rotated else 22)
    return tuple(
        Tick(
            _n(frame.x(p)),
            _n(y),
            period_label(p),
            f"rotate(-35 {_n(frame.x(p))} {_n(y)})" if frame.rotated else "",
        )
        for p in frame.periods
    )


def _series(
    frame: _Frame, series_rows: dict[str, list[ChartObservation]], unit: str
) -> list[ChartSeries]:
    series = []
    for index, (breakdown, points) in enumerate(series_rows.items()):
        style = series_style(index)
        label, lang = _label(next((p for p in reversed(points) if p.breakdown_label), points[-1]))
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
    frame: _Frame,
    series: list[ChartSeries],
    series_rows: dict[str, list[ChartObservation]],
    unit: str,
) -> list[ChartSeries]:
    """Each line's name and latest value to the right of the plot, joined to its last point."""
    wrapped = [
        [*textwrap.wrap(s.label, LABEL_WRAP), value_short(rows[-1].value, unit)]
        for s, rows in zip(series, series_rows.values(), strict=True)
    ]
    tops = _place_labels(
        [
            (frame.y(rows[-1].value), len(lines))
            for rows, lines in zip(series_rows.values(), wrapped, strict=True)
        ],
        4,
        frame.bottom + 30,
    )
    glyph_x, text_x = frame.right + 22, frame.right + 34
    labelled = []
    for s, top, lines in zip(series, tops, wrapped, strict=True):
        last = s.points[-1].marker
        glyph_y = top + LINE_HEIGHT / 2 + 1
        labelled.append(
            replace(
                s,
                label_lines=tuple(
                    TextLine(_n(text_x), _n(top + 12 + i * LINE_HEIGHT), text)
                    for i, text in enumerate(lines)
                ),
                label_marker=_marker(s.style.marker, glyph_x, glyph_y, 4.5),
                leader=Leader(_n(float(last.x) + 8), last.y, _n(glyph_x - 8), _n(glyph_y)),
            )
        )
    return labelled


def _key(frame: _Frame, rows: list[ChartObservation]) -> tuple[KeyItem, ...]:
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
    frame: _Frame, series: list[ChartSeries], rows: list[ChartObservation], unit: str
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


def build_chart(
    *,
    chart_id: str,
    code: str,
    statement: str,
    unit: str,
    observations: Iterable[ChartObservation],
) -> Chart | None:
    """The chart of one indicator's values, or None when it has no values yet."""
    rows = sorted(observations, key=lambda o: (o.period_end, o.breakdown))
    if not rows:
        return None
    series_rows: dict[str, list[ChartObservation]] = {}
    for row in rows:
        series_rows.setdefault(row.breakdown or "", []).append(row)
    periods = tuple(
        sorted(
            {row.period for row in rows},
            key=lambda code: (parse_period(code).ends_on, parse_period(code).starts_on),
        )
    )
    labelled = len(series_rows) > 1 or any(series_rows)
    frame = _Frame(periods, labelled, *_y_range([float(row.value) for row in rows], unit))

    series = _series(frame, series_rows, unit)
    if labelled:
        series = _with_direct_labels(frame, series, series_rows, unit)
    key = _key(frame, rows)
    desc = " ".join(
        _describe(s.label, points, unit, labelled=labelled)
        for s, points in zip(series, series_rows.values(), strict=True)
    )
    return Chart(
        id=chart_id,
        title=_("Chart of indicator {code}: {statement}").format(code=code, statement=statement),
        desc=desc,
        width=WIDTH,
        height=int(frame.x_title_y + (40 if key else 16)),
        plot_left=_n(frame.left),
        plot_right=_n(frame.right),
        plot_top=_n(frame.top),
        plot_bottom=_n(frame.bottom),
        x_ticks=_x_ticks(frame),
        x_labels_rotated=frame.rotated,
        y_ticks=_y_ticks(frame, unit),
        x_title=TextLine(_n((frame.left + frame.right) / 2), _n(frame.x_title_y), _("Period")),
        y_title=TextLine(_n(16), _n(frame.top + PLOT_HEIGHT / 2), _unit_title(unit)),
        series=tuple(series),
        point_values=not labelled,
        key=key,
        table=_table(frame, series, rows, unit),
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
        observations=indicator.observations.all(),
    )


def render_chart(chart: Chart) -> SafeString:
    """The chart as an ``<svg>`` element, for pages and the PDF report."""
    return render_to_string("measures/includes/chart.svg", {"chart": chart})
