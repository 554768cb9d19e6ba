"""The public, stable shape of indicators in /data/indicators.json and each indicator's CSV
(see docs/open-data.md)."""

import datetime

from django.utils import translation

from measures.freshness import indicator_freshness
from measures.judgement import Judgement, judge_indicator
from measures.models import Indicator
from measures.periods import parse_period


def _number(value) -> float | int:
    # JSON readers expect numbers; whole values stay whole ("65", not "65.00").
    return int(value) if value == value.to_integral_value() else float(value)


def _state_records(indicator: Indicator, observations: list) -> tuple[dict, list[dict]]:
    """The indicator's state and each breakdown's, by the rules of measures.judgement.

    ``state`` is one of improving, worsening, no_clear_change, not_measured (no value since
    the baseline) or no_baseline; only the first three are judgements.
    """
    judgement = judge_indicator(indicator)
    labels = {o.breakdown: o.breakdown_label_en for o in observations if o.breakdown}
    labels.update({b.code: b.label_en for b in indicator.breakdowns.all()})
    with translation.override("en"):
        state = {"state": judgement.judgement.value, "state_label": str(judgement.judgement.label)}
        breakdowns = [
            {
                "breakdown": b.breakdown or None,
                "breakdown_label": labels.get(b.breakdown) or None,
                "direction": b.direction,
                "state": b.judgement.value,
                "state_label": str(b.judgement.label),
                "baseline_value": _number(b.baseline_value)
                if b.baseline_value is not None
                else None,
                "latest_period": b.latest_period if b.is_judged else None,
                "latest_value": _number(b.latest_value) if b.is_judged else None,
            }
            for b in judgement.breakdowns
        ]
        no_baseline_label = str(Judgement.NO_BASELINE.label)
    # Breakdowns the plan names but that have no values yet, with their own direction.
    listed = {b["breakdown"] for b in breakdowns}
    for declared in indicator.breakdowns.all():
        if declared.code not in listed:
            breakdowns.append(
                {
                    "breakdown": declared.code,
                    "breakdown_label": declared.label_en,
                    "direction": declared.direction,
                    "state": Judgement.NO_BASELINE.value,
                    "state_label": no_baseline_label,
                    "baseline_value": None,
                    "latest_period": None,
                    "latest_value": None,
                }
            )
    return state, breakdowns


def observation_record(o, *, revised: set[int]) -> dict:
    """One value, as indicators.json lists it and the indicator's CSV has it on a row."""
    period = parse_period(o.period)
    return {
        "period": o.period,
        "period_start": period.starts_on.isoformat(),
        "period_end": period.ends_on.isoformat(),
        "breakdown": o.breakdown or None,
        "breakdown_label": o.breakdown_label_en or None,
        "value": _number(o.value),
        "source": o.source_en,
        "notes": o.notes_en or None,
        "status": o.status,
        # Added in issue 16; the fields above are unchanged.
        "release_date": _date(o.release_date),
        "revised": o.pk in revised,
    }


def _date(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def provenance_record(indicator: Indicator, *, today: datetime.date) -> dict:
    """Where the figures come from, when the next is due, and whether the series is stale."""
    freshness = indicator_freshness(indicator, today=today)
    with translation.override("en"):
        freshness_label = str(freshness.state.label)
    return {
        "source_publication": indicator.source_publication_en or None,
        "source_publication_cy": indicator.source_publication_cy or None,
        "source_url": indicator.source_url or None,
        "producer": indicator.producer_en or None,
        "producer_cy": indicator.producer_cy or None,
        "frequency": indicator.frequency or None,
        "next_release": _date(indicator.next_release),
        "freshness": freshness.state.value,
        "freshness_label": freshness_label,
        "expected_release": _date(freshness.expected_on),
        "definition": indicator.definition_en or None,
        "definition_cy": indicator.definition_cy or None,
        "method": indicator.method_en or None,
        "method_cy": indicator.method_cy or None,
        "caveats": indicator.caveats_en or None,
        "caveats_cy": indicator.caveats_cy or None,
    }


def indicator_record(indicator: Indicator, *, revised: set[int], today: datetime.date) -> dict:
    observations = list(indicator.observations.all())
    state, breakdowns = _state_records(indicator, observations)

    def observation(o) -> dict:
        return observation_record(o, revised=revised)

    return {
        "code": indicator.code,
        "plan": indicator.plan.slug,
        "theme": indicator.theme.number,
        "statement": indicator.statement_en,
        "statement_cy": indicator.statement_cy or None,
        "direction": indicator.direction,
        "unit": indicator.unit,
        "tolerance": _number(indicator.tolerance) if indicator.tolerance is not None else None,
        "baseline_status": indicator.baseline_status,
        "baseline_text": indicator.baseline_text_en or None,
        "baselines": [observation(o) for o in observations if o.is_baseline],
        "observations": [observation(o) for o in observations if not o.is_baseline],
        "url": indicator.get_absolute_url(),
        # Added in issue 10; the fields above are unchanged.
        **state,
        "breakdowns": breakdowns,
        # Added in issue 16.
        **provenance_record(indicator, today=today),
    }


# The indicator's CSV: one row per value, with the fields each value has in indicators.json.
SERIES_VALUE_FIELDS = (
    "period",
    "period_start",
    "period_end",
    "breakdown",
    "breakdown_label",
    "value",
    "source",
    "notes",
    "status",
    "release_date",
    "revised",
)
SERIES_COLUMNS = ("plan", "indicator", "unit", "baseline", *SERIES_VALUE_FIELDS)


def _cell(value):
    # As in the JSON: true and false, and an empty cell for null.
    return {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value


def series_rows(indicator: Indicator, *, revised: set[int]) -> list[list]:
    """The indicator's values in time order (prefetched), one CSV row each."""
    rows = []
    for o in indicator.observations.all():
        record = observation_record(o, revised=revised)
        fixed = [indicator.plan.slug, indicator.code, indicator.unit, o.is_baseline]
        rows.append([_cell(v) for v in fixed + [record[k] for k in SERIES_VALUE_FIELDS]])
    return rows
