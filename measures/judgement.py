"""Is an indicator moving the right way? The rules, in plain words.

Each indicator has a baseline (the value the plan starts from) and, over time, newer values.
We compare the **latest value** with the **baseline**:

1. **No baseline.** If the plan has not set baseline figures yet (the baseline is "to be
   established", only described in words, or not stated), the judgement is
   *Baseline not yet set*. The same goes for a breakdown that has values but no baseline.
2. **The latest value** is the one for the most recent period. If a baseline and a newer
   figure cover periods that end on the same day, the newer figure counts as the latest.
3. **Nothing newer than the baseline yet.** The judgement is *No clear change*, and the page
   says that there is no newer value yet.
4. **"Increase" indicators** (more is better): a rise is *Improving*, a fall is *Worsening*.
   **"Reduce" indicators** (less is better): a fall is *Improving*, a rise is *Worsening*.
   A change smaller than the indicator's threshold is *No clear change*, so that small
   movements from one survey to the next are not read as progress or decline. The threshold
   is the indicator's tolerance if it has one; otherwise 1 unit of the indicator (1 percentage
   point for a percentage, 1 for a count). A change exactly as large as the threshold counts.
5. **"Maintain" indicators** (keep it where it is): a latest value within the tolerance of the
   baseline, either way and including the tolerance itself, is *No clear change* (the value
   is maintained). Further away, up or down, is *Worsening*. For example, with a baseline of
   63 per cent and a tolerance of 2 percentage points, anything from 61 to 65 per cent is
   maintained.
6. **Several breakdowns** (for example the adult care home, domiciliary care and residential
   child care figures of theme 5): each breakdown is judged on its own, then the indicator
   as a whole is:

   - *Worsening* if any breakdown is worsening;
   - *Improving* if every breakdown is improving;
   - *No clear change* otherwise.

   Breakdowns without a baseline are shown but left out of the overall judgement; if none
   has a baseline, the indicator's judgement is *Baseline not yet set*.

This module only reads the values it is given: it does not touch the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD = Decimal(1)


class Judgement(models.TextChoices):
    IMPROVING = "improving", _("Improving")
    WORSENING = "worsening", _("Worsening")
    NO_CLEAR_CHANGE = "no_clear_change", _("No clear change")
    NO_BASELINE = "no_baseline", _("Baseline not yet set")


class ObservationLike(Protocol):
    """What the rules need from a value: an Observation, or anything shaped like one."""

    period: str
    period_end: datetime.date
    breakdown: str
    value: Decimal
    is_baseline: bool


@dataclass(frozen=True)
class BreakdownJudgement:
    """The judgement of one breakdown ("" is the whole workforce)."""

    breakdown: str
    judgement: Judgement
    baseline: ObservationLike | None
    latest: ObservationLike | None
    change: Decimal | None
    no_newer_value: bool

    @property
    def baseline_value(self) -> Decimal | None:
        return _decimal(self.baseline.value) if self.baseline is not None else None

    @property
    def latest_value(self) -> Decimal | None:
        return _decimal(self.latest.value) if self.latest is not None else None

    @property
    def latest_period(self) -> str | None:
        return self.latest.period if self.latest is not None else None


@dataclass(frozen=True)
class IndicatorJudgement:
    """The overall judgement, and each breakdown's.

    ``baseline_value``, ``latest_value``, ``latest_period`` and ``change`` are filled in when
    the indicator has a single series; with several breakdowns, read them from ``breakdowns``.
    """

    judgement: Judgement
    direction: str
    threshold: Decimal
    breakdowns: tuple[BreakdownJudgement, ...]
    baseline_value: Decimal | None = None
    latest_value: Decimal | None = None
    latest_period: str | None = None
    change: Decimal | None = None
    no_newer_value: bool = False

    @property
    def maintained(self) -> bool:
        """A "maintain" indicator whose newer value is within its tolerance."""
        return (
            self.direction == "maintain"
            and self.judgement == Judgement.NO_CLEAR_CHANGE
            and not self.no_newer_value
        )


def _decimal(value: Decimal | int | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _judge_change(direction: str, change: Decimal, threshold: Decimal) -> Judgement:
    size = abs(change)
    if direction == "maintain":
        return Judgement.NO_CLEAR_CHANGE if size <= threshold else Judgement.WORSENING
    if change == 0 or size < threshold:
        return Judgement.NO_CLEAR_CHANGE
    went_up = change > 0
    if direction == "reduce":
        return Judgement.WORSENING if went_up else Judgement.IMPROVING
    return Judgement.IMPROVING if went_up else Judgement.WORSENING


def _judge_breakdown(
    breakdown: str,
    values: list[ObservationLike],
    *,
    direction: str,
    threshold: Decimal,
    baseline_set: bool,
) -> BreakdownJudgement:
    # Latest period first; on the same end date, a newer figure before the baseline.
    latest = max(values, key=lambda o: (o.period_end, not o.is_baseline))
    baseline = next((o for o in values if o.is_baseline), None) if baseline_set else None
    if baseline is None:
        return BreakdownJudgement(breakdown, Judgement.NO_BASELINE, None, latest, None, False)
    if latest is baseline:
        return BreakdownJudgement(
            breakdown, Judgement.NO_CLEAR_CHANGE, baseline, latest, None, True
        )
    change = _decimal(latest.value) - _decimal(baseline.value)
    return BreakdownJudgement(
        breakdown,
        _judge_change(direction, change, threshold),
        baseline,
        latest,
        change,
        False,
    )


def _overall(breakdowns: Iterable[BreakdownJudgement]) -> Judgement:
    judged = [b.judgement for b in breakdowns if b.judgement != Judgement.NO_BASELINE]
    if not judged:
        return Judgement.NO_BASELINE
    if Judgement.WORSENING in judged:
        return Judgement.WORSENING
    if all(j == Judgement.IMPROVING for j in judged):
        return Judgement.IMPROVING
    return Judgement.NO_CLEAR_CHANGE


def judge(
    *,
    direction: str,
    baseline_status: str,
    tolerance: Decimal | None,
    observations: Iterable[ObservationLike],
) -> IndicatorJudgement:
    """Judge a series of values by the rules at the top of this module.

    ``direction`` is ``increase``, ``reduce`` or ``maintain``; ``baseline_status`` is
    ``set`` when the plan gave baseline figures.
    """
    threshold = _decimal(tolerance) if tolerance is not None else DEFAULT_THRESHOLD
    series: dict[str, list[ObservationLike]] = {}
    for observation in observations:
        series.setdefault(observation.breakdown or "", []).append(observation)
    breakdowns = tuple(
        _judge_breakdown(
            breakdown,
            values,
            direction=direction,
            threshold=threshold,
            baseline_set=baseline_status == "set",
        )
        for breakdown, values in series.items()
    )
    judgement = Judgement.NO_BASELINE if baseline_status != "set" else _overall(breakdowns)
    judged = [b for b in breakdowns if b.judgement != Judgement.NO_BASELINE]
    no_newer_value = bool(judged) and all(b.no_newer_value for b in judged)
    if len(breakdowns) != 1:
        return IndicatorJudgement(
            judgement, direction, threshold, breakdowns, no_newer_value=no_newer_value
        )
    (only,) = breakdowns
    return IndicatorJudgement(
        judgement,
        direction,
        threshold,
        breakdowns,
        baseline_value=only.baseline_value,
        latest_value=only.latest_value,
        latest_period=only.latest_period,
        change=only.change,
        no_newer_value=no_newer_value,
    )


def judge_indicator(indicator) -> IndicatorJudgement:
    """Judge an Indicator from its observations (prefetch them to avoid a query per call)."""
    return judge(
        direction=indicator.direction,
        baseline_status=indicator.baseline_status,
        tolerance=indicator.tolerance,
        observations=indicator.observations.all(),
    )
