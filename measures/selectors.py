"""Reads of indicators and their observations."""

from django.db.models import Prefetch, QuerySet

from measures.models import Indicator, Observation


def _with_series(queryset: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return queryset.select_related("theme", "plan").prefetch_related(
        # In time order; within a period, in the order recorded (the plan's order for baselines).
        Prefetch("observations", queryset=Observation.objects.order_by("period_end", "pk")),
        "breakdowns",
    )


def indicator_list(*, theme_number: int | None = None, plan=None) -> QuerySet[Indicator]:
    """Indicators with their series; pages pass the current plan so each shows its own."""
    queryset = Indicator.objects.all()
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    if theme_number is not None:
        queryset = queryset.filter(theme__number=theme_number)
    return _with_series(queryset).order_by("theme__number", "plan__start_year", "position")


def indicator_details() -> QuerySet[Indicator]:
    """Indicators with their series loaded; pick one with get_object_or_404."""
    return _with_series(Indicator.objects.all())


def indicator_breakdowns(*, indicator: Indicator) -> list[Observation]:
    """One observation per breakdown code already used for the indicator, for its code and label."""
    seen: dict[str, Observation] = {}
    used = indicator.observations.exclude(breakdown="").order_by("breakdown", "-period_end")
    for observation in used:
        seen.setdefault(observation.breakdown, observation)
    return list(seen.values())


def observation_clash(
    *, indicator: Indicator, period: str, breakdown: str, exclude_pk: int | None = None
) -> Observation | None:
    """The value already recorded for this period and breakdown, if any (one per pair)."""
    return (
        Observation.objects.filter(indicator=indicator, period=period, breakdown=breakdown or "")
        .exclude(pk=exclude_pk)
        .first()
    )
