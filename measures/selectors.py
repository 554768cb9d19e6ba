"""Reads of indicators and their observations."""

from django.db.models import Prefetch, QuerySet

from measures.models import Indicator, Observation


def _with_series(queryset: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return queryset.select_related("theme", "plan").prefetch_related(
        Prefetch("observations", queryset=Observation.objects.order_by("period_end", "breakdown"))
    )


def indicator_list(*, theme_number: int | None = None, plan=None) -> QuerySet[Indicator]:
    """Indicators with their series; pages pass the current plan so each shows its own."""
    queryset = Indicator.objects.all()
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    if theme_number is not None:
        queryset = queryset.filter(theme__number=theme_number)
    return _with_series(queryset).order_by("theme__number", "plan__start_year", "position")


def indicator_get(*, pk: int) -> Indicator:
    return _with_series(Indicator.objects.all()).get(pk=pk)
