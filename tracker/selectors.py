"""Reads that combine several apps, for the screens the project itself serves."""

from django.db.models import Count, Q

from actions.models import Action, DeliveryPlan
from actions.status import ActionStatus
from themes.models import Theme
from themes.selectors import strategy_current


def strategy_overview(*, plan: DeliveryPlan | None) -> dict:
    """The strategy, its themes with their action counts, and actions by status per period.

    A fixed number of queries however many actions there are.
    """
    strategy = strategy_current()
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
