"""The public, stable shape of indicators in /data/indicators.json (see README)."""

from measures.models import Indicator
from measures.periods import parse_period


def _number(value) -> float | int:
    # JSON readers expect numbers; whole values stay whole ("65", not "65.00").
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_record(indicator: Indicator) -> dict:
    observations = list(indicator.observations.all())

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
    }
