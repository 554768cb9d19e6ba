"""What the strategic implementation group looks at: exceptions first, then what changed.

Every function here runs a fixed number of queries however many actions and updates exist.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch
from django.utils import timezone

from actions.models import (
    Action,
    ActionOwner,
    DeliveryPlan,
    OwnerRole,
    ProgressUpdate,
    derived_state,
)
from actions.staff_selectors import actions_due
from actions.status import ActionStatus, action_is_overdue
from measures.freshness import stale_indicators
from measures.judgement import Judgement
from measures.models import Observation
from measures.progress import indicator_progress
from measures.selectors import indicator_list
from themes.models import Theme

# The headline's order: what needs attention first, finished work last.
HEADLINE_ORDER = (
    ActionStatus.SIGNIFICANT_DELAYS,
    ActionStatus.MINOR_DELAYS,
    ActionStatus.NO_UPDATE,
    ActionStatus.NOT_STARTED,
    ActionStatus.ON_TRACK,
    ActionStatus.COMPLETE,
    ActionStatus.CLOSED,
)


def _actions(plan: DeliveryPlan):
    return (
        Action.objects.filter(plan=plan)
        .select_related("plan", "theme", "period")
        .prefetch_related(
            Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation"))
        )
        .order_by("number")
    )


def theme_status_table(*, plan: DeliveryPlan) -> dict:
    """Counts of actions by theme and status, with totals, for drill-down links."""
    # The explicit order_by replaces the model's default ordering, which would otherwise join
    # the GROUP BY and count every action on its own row (each cell showing 1).
    counts = {
        (row["theme__number"], row["status"]): row["n"]
        for row in Action.objects.filter(plan=plan)
        .values("theme__number", "status")
        .annotate(n=Count("id"))
        .order_by("theme__number", "status")
    }
    themes = list(Theme.objects.filter(strategy=plan.strategy).order_by("number"))
    statuses = list(ActionStatus.choices)
    rows = [
        {
            "theme": theme,
            "cells": [
                {"status": value, "count": counts.get((theme.number, value), 0)}
                for value, _label in statuses
            ],
            "total": sum(counts.get((theme.number, value), 0) for value, _l in statuses),
        }
        for theme in themes
    ]
    totals = [
        {"status": value, "count": sum(counts.get((t.number, value), 0) for t in themes)}
        for value, _label in statuses
    ]
    total = sum(row["total"] for row in rows)
    return {"statuses": statuses, "rows": rows, "totals": totals, "total": total}


def headline(*, table: dict, overdue: list) -> dict:
    """The plan's actions by status for the top of the dashboard, overdue ones first."""
    by_status = {cell["status"]: cell["count"] for cell in table["totals"]}
    return {
        "total": table["total"],
        "overdue": len(overdue),
        "statuses": [
            {"status": status, "label": status.label, "count": by_status.get(status, 0)}
            for status in HEADLINE_ORDER
        ],
    }


@dataclass
class Exceptions:
    significant_delays: list
    overdue: list
    no_update_this_quarter: list
    slipped: list
    worsening: list
    # Indicators overdue for new figures (measures.freshness), each with the date expected.
    stale: list = field(default_factory=list)
    # The group's open decisions past their due date (sig.selectors.decisions_overdue), set by
    # the dashboard and the pack for the plan in force: decisions are not one plan's.
    overdue_decisions: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(group)
            for group in (
                self.significant_delays,
                self.overdue,
                self.no_update_this_quarter,
                self.slipped,
                self.worsening,
                self.stale,
                self.overdue_decisions,
            )
        )


def exceptions(*, plan: DeliveryPlan, today: datetime.date | None = None) -> Exceptions:
    today = today or timezone.localdate()
    # The same rule as "Your actions" and the reminders, counting approved updates only.
    due = actions_due(Action.objects.filter(pk=OuterRef("pk")), today=today, approved_only=True)
    actions = list(_actions(plan).annotate(due=Exists(due)))
    for action in actions:
        # Who to ask about an exception: the lead organisations (owners are prefetched).
        action.leads = [o.organisation for o in action.owners.all() if o.role == OwnerRole.LEAD]
    progress = indicator_progress(indicator_list(plan=plan), charts=False)
    return Exceptions(
        significant_delays=[a for a in actions if a.status == ActionStatus.SIGNIFICANT_DELAYS],
        # "During 2024" actions still open after 31 December 2024, and so on for each period.
        overdue=[a for a in actions if action_is_overdue(a, today=today)],
        no_update_this_quarter=[a for a in actions if a.due],
        # A plan without delivery periods has no date to slip from.
        slipped=[
            a for a in actions if a.period and a.target_date and a.target_date > a.period.ends_on
        ],
        worsening=[p for p in progress if p.judgement.judgement == Judgement.WORSENING],
        stale=stale_indicators((p.indicator for p in progress), today=today),
    )


@dataclass
class Change:
    action: Action
    status_before: str
    status_after: str
    target_before: datetime.date | None
    target_after: datetime.date | None
    updates: list

    def status_label(self, value: str) -> str:
        return str(ActionStatus(value).label)

    @property
    def before_label(self) -> str:
        return self.status_label(self.status_before)

    @property
    def after_label(self) -> str:
        return self.status_label(self.status_after)


def changes_since(*, plan: DeliveryPlan, since: datetime.date) -> dict:
    """Actions whose approved updates landed on or after `since`, with before and after."""
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    changed_ids = set(
        ProgressUpdate.objects.filter(action__plan=plan, review__reviewed_at__gte=start)
        .approved()
        .values_list("action_id", flat=True)
    )
    approved = list(
        ProgressUpdate.objects.filter(action_id__in=changed_ids)
        .approved_in_order()
        .annotate(approved_at=F("review__reviewed_at"))
    )
    by_action: dict[int, list] = {}
    for update in approved:
        by_action.setdefault(update.action_id, []).append(update)
    changes = []
    for action in _actions(plan).filter(pk__in=changed_ids):
        updates = by_action.get(action.pk, [])
        before = [u for u in updates if u.approved_at < start]
        after = [u for u in updates if u.approved_at >= start]
        status_before, target_before = derived_state(action, before)
        changes.append(
            Change(
                action=action,
                status_before=status_before,
                status_after=action.status,
                target_before=target_before,
                target_after=action.target_date,
                updates=after,
            )
        )
    new_values = list(
        Observation.objects.filter(created_at__gte=start, is_baseline=False, indicator__plan=plan)
        .select_related("indicator", "indicator__theme")
        .order_by("indicator__theme__number", "indicator__position", "period_end")
    )
    return {"since": since, "actions": changes, "values": new_values}


def other_plans_in_delivery(
    *, current: DeliveryPlan, today: datetime.date | None = None
) -> list[dict]:
    """Every other plan still in delivery (not ended), each on its own: its actions by theme
    and status, and its exceptions. A plan without delivery periods or target dates (the
    mental health workforce plan) can only have the status and "no update this quarter" ones;
    an ended plan's actions get outcomes and never show here."""
    plans = (
        DeliveryPlan.objects.filter(strategy_id=current.strategy_id, ended=False)
        .exclude(pk=current.pk)
        .order_by("-start_year", "slug")
    )
    return [
        {
            "plan": plan,
            "table": theme_status_table(plan=plan),
            "exceptions": exceptions(plan=plan, today=today),
            "has_periods": plan.periods.exists(),
        }
        for plan in plans
    ]
