"""The pieces of an indicator chart (measures.charts): sizes, styles and the dataclasses that
the template ``measures/includes/chart.svg`` draws. Numbers only: no words, no layout rules.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

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
    # "The value axis does not start at zero: ...", under the chart, when zero is left off.
    axis_note: TextLine | None = None

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"


def n(number: float) -> str:
    """A coordinate for the SVG: one decimal at most, never localised."""
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def marker(kind: str, x: float, y: float, size: float = MARKER_SIZE) -> Marker:
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
    polygon = " ".join(f"{n(x + dx)},{n(y + dy)}" for dx, dy in shapes.get(kind, []))
    return Marker(n(x), n(y), polygon, n(s))
