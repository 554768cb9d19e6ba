"""Is an indicator moving the right way? The rules, in plain words.

Each indicator has a baseline (the value the plan starts from) and, over time, newer values.
We compare the **latest value** with the **baseline**:

1. **No baseline.** If the plan has not set baseline figures yet (the baseline is "to be
   established", only described in words, or not stated), the state is
   *Baseline not yet set*. The same goes for a breakdown that has values but no baseline.
2. **The latest value** is the one for the most recent period. If a baseline and a newer
   figure cover periods that end on the same day, the newer figure counts as the latest.
3. **Nothing newer than the baseline yet.** The state is *Not measured since the baseline*.
   It is not a judgement: there is nothing to judge, so pages show it as a neutral tag and
   summaries count it apart from *No clear change*.
4. **"Increase" breakdowns** (more is better): a rise is *Improving*, a fall is *Worsening*.
   **"Reduce" breakdowns** (less is better): a fall is *Improving*, a rise is *Worsening*.
   A change smaller than the indicator's threshold is *No clear change*, so that small
   movements from one survey to the next are not read as progress or decline. The threshold
   is the indicator's tolerance if it has one; otherwise 1 unit of the indicator (1 percentage
   point for a percentage, 1 for a count). A change exactly as large as the threshold counts.
5. **"Maintain" breakdowns** (keep it where it is): a latest value within the tolerance of the
   baseline, either way and including the tolerance itself, is *No clear change* (the value
   is maintained). Further away, up or down, is *Worsening*. For example, with a baseline of
   63 per cent and a tolerance of 2 percentage points, anything from 61 to 65 per cent is
   maintained.
6. **Direction of a breakdown.** A breakdown takes the indicator's direction unless it has its
   own: indicator 1.5 mixes three scores where higher is better with the anxiety score, where
   lower is better.
7. **Several breakdowns** (for example the adult care home, domiciliary care and residential
   child care figures of theme 5): each breakdown is judged on its own, then the indicator
   as a whole, from the breakdowns measured since their baseline, is:

   - *Worsening* if any breakdown is worsening;
   - *Improving* if every breakdown is improving;
   - *No clear change* otherwise.

   Breakdowns without a baseline, or not measured since it, are shown with their own state
   but left out of the overall judgement. If no breakdown has a baseline, the indicator is
   *Baseline not yet set*; if some have one but none has a newer value, it is
   *Not measured since the baseline*.

So every indicator is in exactly one state, and counting indicators by state adds up to the
total (see ``measures.progress.state_counts``).

This module only reads the values it is given: it does not touch the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD = Decimal(1)


class Judgement(models.TextChoices):
    """The state of an indicator or a breakdown. The last two are states, not judgements."""

    IMPROVING = "improving", _("Improving")
    WORSENING = "worsening", _("Worsening")
    NO_CLEAR_CHANGE = "no_clear_change", _("No clear change")
    NOT_MEASURED = "not_measured", _("Not measured since the baseline")
    NO_BASELINE = "no_baseline", _("Baseline not yet set")


# States that say data is missing: shown as a neutral tag, never coloured like a judgement.
NO_DATA_STATES = frozenset({Judgement.NOT_MEASURED, Judgement.NO_BASELINE})


def is_judged(state: str) -> bool:
    """True for a real judgement (improving, worsening, no clear change)."""
    return state not in NO_DATA_STATES


class ObservationLike(Protocol):
    """What the rules need from a value: an Observation, or anything shaped like one."""

    period: str
    period_end: datetime.date
    breakdown: str
    value: Decimal
    is_baseline: bool


class _JudgementState:
    """What a breakdown's and an indicator's judgement both say of themselves."""

    judgement: Judgement

    @property
    def no_newer_value(self) -> bool:
        return self.judgement == Judgement.NOT_MEASURED

    @property
    def is_judged(self) -> bool:
        return is_judged(self.judgement)


@dataclass(frozen=True)
class BreakdownJudgement(_JudgementState):
    """The judgement of one breakdown ("" is the whole workforce)."""

    breakdown: str
    judgement: Judgement
    baseline: ObservationLike | None
    latest: ObservationLike | None
    change: Decimal | None
    direction: str = ""

    @property
    def baseline_value(self) -> Decimal | None:
        return _decimal(self.baseline.value) if self.baseline is not None else None

    @property
    def latest_value(self) -> Decimal | None:
        return _decimal(self.latest.value) if self.latest is not None else None

    @property
    def latest_period(self) -> str | None:
        return self.latest.period if self.latest is not None else None

    @property
    def maintained(self) -> bool:
        return self.direction == "maintain" and self.judgement == Judgement.NO_CLEAR_CHANGE


@dataclass(frozen=True)
class IndicatorJudgement(_JudgementState):
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

    @property
    def split(self) -> bool:
        """Several breakdowns (or one named breakdown): each is shown with its own state."""
        return len(self.breakdowns) > 1 or any(b.breakdown for b in self.breakdowns)

    @property
    def maintained(self) -> bool:
        """A "maintain" indicator whose newer value is within its tolerance."""
        return self.direction == "maintain" and self.judgement == Judgement.NO_CLEAR_CHANGE


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
        return BreakdownJudgement(breakdown, Judgement.NO_BASELINE, None, latest, None, direction)
    if latest is baseline:
        return BreakdownJudgement(
            breakdown, Judgement.NOT_MEASURED, baseline, baseline, None, direction
        )
    change = _decimal(latest.value) - _decimal(baseline.value)
    return BreakdownJudgement(
        breakdown,
        _judge_change(direction, change, threshold),
        baseline,
        latest,
        change,
        direction,
    )


def _overall(breakdowns: Iterable[BreakdownJudgement]) -> Judgement:
    states = [b.judgement for b in breakdowns]
    judged = [state for state in states if is_judged(state)]
    if not judged:
        return Judgement.NOT_MEASURED if Judgement.NOT_MEASURED in states else Judgement.NO_BASELINE
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
    breakdown_directions: Mapping[str, str] | None = None,
) -> IndicatorJudgement:
    """Judge a series of values by the rules at the top of this module.

    ``direction`` is ``increase``, ``reduce`` or ``maintain``; ``baseline_status`` is
    ``set`` when the plan gave baseline figures. ``breakdown_directions`` maps a breakdown
    code to its own direction, where it differs from the indicator's.
    """
    threshold = _decimal(tolerance) if tolerance is not None else DEFAULT_THRESHOLD
    own_directions = breakdown_directions or {}
    series: dict[str, list[ObservationLike]] = {}
    for observation in observations:
        series.setdefault(observation.breakdown or "", []).append(observation)
    breakdowns = tuple(
        _judge_breakdown(
            breakdown,
            values,
            direction=own_directions.get(breakdown) or direction,
            threshold=threshold,
            baseline_set=baseline_status == "set",
        )
        for breakdown, values in series.items()
    )
    judgement = Judgement.NO_BASELINE if baseline_status != "set" else _overall(breakdowns)
    if len(breakdowns) != 1:
        return IndicatorJudgement(judgement, direction, threshold, breakdowns)
    (only,) = breakdowns
    return IndicatorJudgement(
        judgement,
        only.direction,
        threshold,
        breakdowns,
        baseline_value=only.baseline_value,
        latest_value=only.latest_value,
        latest_period=only.latest_period,
        change=only.change,
    )


def ordered_observations(indicator) -> list:
    """An Indicator's values (prefetch them and its breakdowns), breakdown by breakdown: those
    the plan lists in its order, then others in the order they were first recorded; each in
    time order. Judgements, charts and tables list breakdowns in this order."""
    declared = {b.code: i for i, b in enumerate(indicator.breakdowns.all())}
    observations = list(indicator.observations.all())
    first_seen: dict[str, tuple] = {}
    for o in sorted(observations, key=lambda o: (o.period_end, o.pk or 0)):
        first_seen.setdefault(o.breakdown, (o.period_end, o.pk or 0))
    return sorted(
        observations,
        key=lambda o: (
            declared.get(o.breakdown, len(declared)),
            first_seen[o.breakdown],
            o.period_end,
        ),
    )


def judge_indicator(indicator) -> IndicatorJudgement:
    """Judge an Indicator from its observations and breakdowns (prefetch both)."""
    return judge(
        direction=indicator.direction,
        baseline_status=indicator.baseline_status,
        tolerance=indicator.tolerance,
        observations=ordered_observations(indicator),
        breakdown_directions={b.code: b.direction for b in indicator.breakdowns.all()},
    )
