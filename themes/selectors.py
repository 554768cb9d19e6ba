"""Reads of the strategy and its themes."""

from django.db.models import Count, Q

from actions.models import Action, ActionStatus, DeliveryPlan
from themes.models import Strategy, Theme


def strategy_overview(*, plan: DeliveryPlan | None) -> dict:
    """The strategy, its themes with their action counts, and actions by status per period.

    A fixed number of queries however many actions there are.
    """
    strategy = Strategy.objects.order_by("-start_year").first()
    themes = list(
        Theme.objects.filter(strategy=strategy)
        .annotate(action_count=Count("actions", filter=Q(actions__plan=plan)))
        .order_by("number")
    )
    rows = (
        Action.objects.filter(plan=plan)
        .values("period__position", "status")
        .annotate(total=Count("id"))
        .order_by("period__position")
    )
    periods = list(plan.periods.all()) if plan else []
    counts = {(row["period__position"], row["status"]): row["total"] for row in rows}
    progress = [
        {
            "period": period,
            "total": sum(counts.get((period.position, s), 0) for s in ActionStatus.values),
            "by_status": [
                {"status": s, "label": label, "count": counts.get((period.position, s), 0)}
                for s, label in ActionStatus.choices
            ],
        }
        for period in periods
    ]
    return {"strategy": strategy, "themes": themes, "progress": progress}


def theme_get(*, number: int) -> Theme:
    strategy = Strategy.objects.order_by("-start_year").first()
    return Theme.objects.select_related("strategy").get(strategy=strategy, number=number)
