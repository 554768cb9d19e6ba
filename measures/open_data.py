"""The public, stable shape of indicators in /data/indicators.json (see README)."""

from django.utils import translation

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


def indicator_record(indicator: Indicator) -> dict:
    observations = list(indicator.observations.all())
    state, breakdowns = _state_records(indicator, observations)

    def observation_record(o) -> dict:
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
        }

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
        "baselines": [observation_record(o) for o in observations if o.is_baseline],
        "observations": [observation_record(o) for o in observations if not o.is_baseline],
        "url": indicator.get_absolute_url(),
        # Added in issue 10; the fields above are unchanged.
        **state,
        "breakdowns": breakdowns,
    }
