"""Where things go on an indicator chart: the axes, their ticks, and labels that do not overlap."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from measures.chart_parts import (
    INNER_PADDING,
    LINE_HEIGHT,
    PLOT_HEIGHT,
    PLOT_LEFT,
    PLOT_TOP,
    RIGHT_MARGIN_LABELLED,
    RIGHT_MARGIN_SINGLE,
    ROTATE_X_LABELS_AFTER,
    WIDTH,
    Tick,
)
from measures.chart_parts import n as _n
from measures.formatting import period_label, value_short


def nice_step(raw: float) -> float:
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10**exponent
    for nice in (1, 2, 2.5, 5):
        if fraction <= nice:
            return nice * 10**exponent
    return 10 * 10**exponent


# Intervals a value axis aims for: enough to read a value off, few enough to stay legible.
TARGET_INTERVALS = 4


def y_range(values: list[float], unit: str) -> tuple[float, float, float]:
    """The value axis (low, high, step): round steps around the data, so the change shows.

    Zero stays on the axis where including it costs no more than the data's own spread; a
    percentage axis stays within 0 to 100 when the data does. A value that would sit on the
    axis's edge gets a step of room. When zero is left off, the chart says so in words
    (``zero_left_off``), so a small change is never drawn as a large one unawares.
    """
    lo, hi = min(values), max(values)
    if lo == hi:  # a flat line still gets an axis around it, not below zero unless it is
        pad = max(abs(hi) / 10, 1.0)
        lo, hi = (lo - pad if lo - pad >= 0 or lo < 0 else 0.0), hi + pad
    spread = hi - lo
    if 0 < lo <= spread:
        lo = 0.0
    if -spread <= hi < 0:
        hi = 0.0
    step = nice_step((hi - lo) / TARGET_INTERVALS)
    if unit == "count":
        step = max(step, 1.0)
    low, high = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if low == lo != 0:
        low -= step
    if high == hi != 0:
        high += step
    if unit == "percent":
        low = max(low, 0.0) if lo >= 0 else low
        high = min(high, 100.0) if hi <= 100 else high
    # Floating steps (0.1 * 3) must not leave 0.30000000000000004 on the axis.
    return round(low, 9), round(high, 9), step


def zero_left_off(low: float, high: float) -> bool:
    """Whether the value axis leaves zero off: the chart must then say so."""
    return not low <= 0 <= high


def place_labels(blocks: list[tuple[float, int]], low: float, high: float) -> list[float]:
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
class Frame:
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


def y_ticks(frame: Frame, unit: str) -> tuple[Tick, ...]:
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


def x_ticks(frame: Frame) -> tuple[Tick, ...]:
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
