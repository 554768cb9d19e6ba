"""The judgement rules (measures.judgement), on plain values: no database needed."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

import pytest

from measures.judgement import Judgement, judge
from measures.periods import parse_period


@dataclass
class Value:
    period: str
    period_end: datetime.date
    breakdown: str
    value: Decimal
    is_baseline: bool


def value(period: str, amount, *, baseline: bool = False, breakdown: str = "") -> Value:
    return Value(period, parse_period(period).ends_on, breakdown, Decimal(str(amount)), baseline)


def judged(direction: str, *values: Value, tolerance=None, status: str = "set"):
    return judge(
        direction=direction,
        baseline_status=status,
        tolerance=None if tolerance is None else Decimal(str(tolerance)),
        observations=list(values),
    )


def series(baseline, latest) -> list[Value]:
    return [value("2023", baseline, baseline=True), value("2025", latest)]


def test_judgements_have_the_words_the_public_pages_show():
    assert {choice.value: str(choice.label) for choice in Judgement} == {
        "improving": "Improving",
        "worsening": "Worsening",
        "no_clear_change": "No clear change",
        "not_measured": "Not measured since the baseline",
        "no_baseline": "Baseline not yet set",
    }


@pytest.mark.parametrize(
    ("direction", "baseline", "latest", "expected"),
    [
        ("increase", 65, 68, Judgement.IMPROVING),
        ("increase", 65, 61, Judgement.WORSENING),
        ("reduce", 26, 22, Judgement.IMPROVING),
        ("reduce", 26, 30, Judgement.WORSENING),
    ],
)
def test_a_clear_move_in_the_wanted_direction_improves_and_against_it_worsens(
    direction, baseline, latest, expected
):
    result = judged(direction, *series(baseline, latest))
    assert result.judgement == expected


def test_a_fall_on_a_reduce_indicator_is_improving_with_a_negative_change():
    result = judged("reduce", *series("37", "33.5"))
    assert result.judgement == Judgement.IMPROVING
    assert result.change == Decimal("33.5") - Decimal("37")
    assert result.change < 0


def test_the_result_carries_baseline_latest_value_period_and_change():
    result = judged("increase", value("2023", 65, baseline=True), value("2024-25", "67.5"))
    assert result.baseline_value == Decimal("65")
    assert result.latest_value == Decimal("67.5")
    assert result.latest_period == "2024-25"
    assert result.change == Decimal("2.5")
    assert result.no_newer_value is False


@pytest.mark.parametrize("direction", ["increase", "reduce"])
@pytest.mark.parametrize("move", ["0.5", "-0.5", "0.99", "0"])
def test_a_move_under_one_unit_is_no_clear_change_without_a_tolerance(direction, move):
    result = judged(direction, *series(50, Decimal(50) + Decimal(move)))
    assert result.judgement == Judgement.NO_CLEAR_CHANGE


@pytest.mark.parametrize(
    ("direction", "move", "expected"),
    [
        ("increase", "1", Judgement.IMPROVING),
        ("increase", "-1", Judgement.WORSENING),
        ("reduce", "-1", Judgement.IMPROVING),
        ("reduce", "1", Judgement.WORSENING),
    ],
)
def test_a_move_of_exactly_one_unit_counts_as_a_change(direction, move, expected):
    result = judged(direction, *series(50, Decimal(50) + Decimal(move)))
    assert result.judgement == expected


def test_a_large_count_also_uses_one_unit_as_its_threshold():
    assert judged("increase", *series(2502, 2503)).judgement == Judgement.IMPROVING
    assert judged("increase", *series(2502, "2502.5")).judgement == Judgement.NO_CLEAR_CHANGE


@pytest.mark.parametrize(
    ("move", "expected"),
    [
        ("2.9", Judgement.NO_CLEAR_CHANGE),
        ("-2.9", Judgement.NO_CLEAR_CHANGE),
        ("3", Judgement.IMPROVING),
        ("-3", Judgement.WORSENING),
    ],
)
def test_an_increase_indicators_own_tolerance_replaces_the_one_unit_threshold(move, expected):
    result = judged("increase", *series(40, Decimal(40) + Decimal(move)), tolerance=3)
    assert result.judgement == expected
    assert result.threshold == Decimal(3)


@pytest.mark.parametrize("move", ["0", "1.5", "-1.5", "2", "-2"])
def test_maintain_within_the_tolerance_either_way_is_maintained(move):
    result = judged("maintain", *series(63, Decimal(63) + Decimal(move)), tolerance=2)
    assert result.judgement == Judgement.NO_CLEAR_CHANGE
    assert result.maintained is True


@pytest.mark.parametrize("move", ["2.01", "-2.01", "5", "-8"])
def test_maintain_outside_the_tolerance_either_way_is_worsening(move):
    result = judged("maintain", *series(63, Decimal(63) + Decimal(move)), tolerance=2)
    assert result.judgement == Judgement.WORSENING
    assert result.maintained is False


def test_maintain_with_a_zero_tolerance_needs_the_exact_baseline():
    assert judged("maintain", *series(1, 1), tolerance=0).judgement == Judgement.NO_CLEAR_CHANGE
    assert judged("maintain", *series(1, 2), tolerance=0).judgement == Judgement.WORSENING


@pytest.mark.parametrize("direction", ["increase", "reduce", "maintain"])
def test_only_a_baseline_is_not_measured_since_the_baseline_not_no_clear_change(direction):
    result = judged(direction, value("2023", 65, baseline=True), tolerance=2)
    assert result.judgement == Judgement.NOT_MEASURED
    assert result.is_judged is False
    assert result.no_newer_value is True
    assert result.maintained is False
    assert result.baseline_value == Decimal(65)
    assert result.latest_period == "2023"
    assert result.change is None


def test_a_value_older_than_the_baseline_does_not_count_as_newer():
    result = judged("increase", value("2022", 90), value("2023", 65, baseline=True))
    assert result.judgement == Judgement.NOT_MEASURED
    assert result.no_newer_value is True


@pytest.mark.parametrize("status", ["pending", "described", "not_stated"])
def test_without_baseline_figures_the_judgement_is_baseline_not_yet_set(status):
    result = judged("increase", value("2024", 10), value("2025", 90), status=status)
    assert result.judgement == Judgement.NO_BASELINE
    assert result.change is None
    assert result.latest_value == Decimal(90)


def test_a_pending_baseline_ignores_a_row_marked_as_baseline():
    result = judged("increase", *series(10, 90), status="pending")
    assert result.judgement == Judgement.NO_BASELINE
    assert result.baseline_value is None


def test_baseline_set_but_no_values_at_all_is_baseline_not_yet_set():
    result = judged("increase")
    assert result.judgement == Judgement.NO_BASELINE
    assert result.breakdowns == ()


def test_the_latest_value_is_the_latest_period_whatever_the_order_given():
    values = [
        value("2023", 50, baseline=True),
        value("2024", 70),
        value("2026", 40),
        value("2025-12", 90),
    ]
    random.Random(4).shuffle(values)
    result = judged("increase", *values)
    assert result.latest_period == "2026"
    assert result.judgement == Judgement.WORSENING


def test_a_newer_figure_ending_on_the_baselines_day_is_preferred_to_the_baseline():
    # December 2023 and the year 2023 both end on 31 December 2023.
    result = judged("increase", value("2023-12", 50, baseline=True), value("2023", 55))
    assert result.latest_period == "2023"
    assert result.judgement == Judgement.IMPROVING


def theme_5(adult, domiciliary, residential) -> list[Value]:
    baselines = {"adult-care-homes": 52, "domiciliary-care": 43, "residential-child-care": 73}
    latest = dict(zip(baselines, (adult, domiciliary, residential), strict=True))
    return [
        *(value("2023-12", v, baseline=True, breakdown=b) for b, v in baselines.items()),
        *(value("2024-12", v, breakdown=b) for b, v in latest.items()),
    ]


def test_each_breakdown_is_judged_against_its_own_baseline():
    result = judged("reduce", *theme_5(50, 45, "72.5"))
    by_breakdown = {b.breakdown: b for b in result.breakdowns}
    assert by_breakdown["adult-care-homes"].judgement == Judgement.IMPROVING
    assert by_breakdown["adult-care-homes"].change == Decimal(50 - 52)
    assert by_breakdown["domiciliary-care"].judgement == Judgement.WORSENING
    assert by_breakdown["residential-child-care"].judgement == Judgement.NO_CLEAR_CHANGE
    assert by_breakdown["residential-child-care"].latest_period == "2024-12"


def test_several_breakdowns_all_improving_is_improving():
    assert judged("reduce", *theme_5(50, 40, 70)).judgement == Judgement.IMPROVING


def test_several_breakdowns_with_any_worsening_is_worsening():
    assert judged("reduce", *theme_5(50, 40, 75)).judgement == Judgement.WORSENING


def test_several_breakdowns_improving_and_unchanged_is_no_clear_change():
    assert judged("reduce", *theme_5(50, 40, "73.5")).judgement == Judgement.NO_CLEAR_CHANGE


def test_several_breakdowns_leave_the_single_figures_to_each_breakdown():
    result = judged("reduce", *theme_5(50, 40, 70))
    assert len(result.breakdowns) == 3
    assert result.baseline_value is None
    assert result.latest_value is None
    assert result.change is None


def test_several_breakdowns_with_only_baselines_are_not_measured_since_the_baseline():
    baselines = [v for v in theme_5(0, 0, 0) if v.is_baseline]
    result = judged("reduce", *baselines)
    assert result.judgement == Judgement.NOT_MEASURED
    assert {b.judgement for b in result.breakdowns} == {Judgement.NOT_MEASURED}
    assert result.no_newer_value is True


def test_a_breakdown_without_a_baseline_is_left_out_of_the_overall_judgement():
    values = [*series(40, 45), value("2025", 1, breakdown="new-group")]
    result = judged("increase", *values)
    by_breakdown = {b.breakdown: b.judgement for b in result.breakdowns}
    assert by_breakdown == {"": Judgement.IMPROVING, "new-group": Judgement.NO_BASELINE}
    assert result.judgement == Judgement.IMPROVING
