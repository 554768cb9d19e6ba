"""The value axis: round steps around the data, and zero's absence said in words."""

from decimal import Decimal

import pytest

from tests.measures.test_charts import SVG, chart_of, svg_of, texts, value

SERIES = [
    ("percent", [40, 45]),
    ("percent", [65, 66, 68]),
    ("percent", [52, 43, 73, 50, 45, 70]),
    ("percent", [10, 90]),
    ("percent", [97, 99.5]),
    ("percent", ["41.5", "41.5"]),
    ("percent", [0, 3]),
    ("percent", [0, 0]),
    ("percent", [50, 50]),
    ("count", [2502, 2600]),
    ("count", [12, 15]),
    ("count", [-5, 3]),
    ("years", ["2.4", "2.9"]),
]


def _axis(chart) -> list[Decimal]:
    return [Decimal(t.label.replace(",", "").rstrip("%")) for t in chart.y_ticks]


def _chart_of_series(unit, amounts):
    periods = [f"{2020 + i}" for i in range(len(amounts))]
    return chart_of(*(value(p, a) for p, a in zip(periods, amounts, strict=True)), unit=unit)


@pytest.mark.parametrize(("unit", "amounts"), SERIES)
def test_the_value_axis_holds_every_point_on_round_evenly_spaced_ticks(unit, amounts):
    ticks = _axis(_chart_of_series(unit, amounts))
    values = [Decimal(str(a)) for a in amounts]
    assert ticks[0] <= min(values) and max(values) <= ticks[-1]
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1, ticks
    (step,) = steps
    # 1, 2, 2.5 or 5 times a power of ten, and every tick a whole number of steps.
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in {1, 2, Decimal("2.5"), 5}, step
    assert all((tick / step) == (tick / step).to_integral_value() for tick in ticks), ticks
    assert 3 <= len(ticks) - 1 <= 7, ticks
    if unit == "percent":
        assert ticks[0] >= 0 and ticks[-1] <= 100


def test_a_small_change_fills_the_axis_instead_of_a_sliver_of_0_to_100():
    chart = chart_of(value("2023", 40), value("2024", 45))
    first, second = chart.series[0].points
    drawn = float(first.marker.y) - float(second.marker.y)
    plot = float(chart.plot_bottom) - float(chart.plot_top)
    # 5 points on a 0 to 100 axis would rise a twentieth of the plot.
    assert drawn >= plot / 2
    assert _axis(chart)[0] > 0


def test_an_axis_without_zero_says_so_in_the_description_and_on_the_chart():
    chart = chart_of(value("2023", 65, baseline=True), value("2025", 68))
    low, high = _axis(chart)[0], _axis(chart)[-1]
    assert low > 0
    svg = svg_of(chart)
    desc = svg.find(f"{SVG}desc").text
    assert (
        f"The value axis does not start at zero: it runs from {low} per cent to {high} per cent."
    ) in desc
    note = f"The value axis does not start at zero: it runs from {low}% to {high}%."
    assert note in texts(svg)
    # The note is inside the drawing, below everything else.
    note_y = next(
        float(t.get("y")) for t in svg.iter(f"{SVG}text") if "".join(t.itertext()) == note
    )
    assert max(float(t.get("y")) for t in svg.iter(f"{SVG}text")) == note_y
    assert note_y < int(svg.get("height"))


def test_an_axis_from_zero_needs_no_note():
    chart = chart_of(value("2023", 10), value("2024", 90))
    assert _axis(chart)[0] == 0
    svg = svg_of(chart)
    assert "zero" not in svg.find(f"{SVG}desc").text
    assert not any("zero" in t for t in texts(svg))
