"""What the strategic implementation group looks at: exceptions first, then what changed.

Every function here runs a fixed number of queries however many actions, updates and plans
exist: ``dashboard_data`` reads the plan in force and every other plan in delivery together
(one query per kind of row, never one per plan), and the view caches what it computes per
version of the data (sig/views.py).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch
from django.utils import timezone

from actions.models import (
    Action,
    ActionOwner,
    DeliveryPeriod,
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


def _actions(plans: list[DeliveryPlan]):
    return (
        Action.objects.filter(plan__in=plans)
        .select_related("plan", "theme", "period")
        .prefetch_related(
            Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation"))
        )
        .order_by("plan_id", "number")
    )


def _status_tables(plans: list[DeliveryPlan]) -> dict[int, dict]:
    """Counts of actions by theme and status, with totals, per plan: two queries in all."""
    # The explicit order_by replaces the model's default ordering, which would otherwise join
    # the GROUP BY and count every action on its own row (each cell showing 1).
    counts = {
        (row["plan_id"], row["theme__number"], row["status"]): row["n"]
        for row in Action.objects.filter(plan__in=plans)
        .values("plan_id", "theme__number", "status")
        .annotate(n=Count("id"))
        .order_by("plan_id", "theme__number", "status")
    }
    strategies = {plan.strategy_id for plan in plans}
    themes_of: dict[int, list[Theme]] = {}
    for theme in Theme.objects.filter(strategy_id__in=strategies).order_by("number"):
        themes_of.setdefault(theme.strategy_id, []).append(theme)
    statuses = list(ActionStatus.choices)
    tables = {}
    for plan in plans:
        themes = themes_of.get(plan.strategy_id, [])

        def count(theme, value, plan=plan):
            return counts.get((plan.pk, theme.number, value), 0)

        rows = [
            {
                "theme": theme,
                "cells": [
                    {"status": value, "count": count(theme, value)} for value, _label in statuses
                ],
                "total": sum(count(theme, value) for value, _l in statuses),
            }
            for theme in themes
        ]
        totals = [
            {"status": value, "count": sum(count(t, value) for t in themes)}
            for value, _label in statuses
        ]
        total = sum(row["total"] for row in rows)
        tables[plan.pk] = {"statuses": statuses, "rows": rows, "totals": totals, "total": total}
    return tables


def theme_status_table(*, plan: DeliveryPlan) -> dict:
    """Counts of actions by theme and status, with totals, for drill-down links."""
    return _status_tables([plan])[plan.pk]


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


def _exceptions(
    plans: list[DeliveryPlan], *, today: datetime.date
) -> tuple[dict[int, Exceptions], dict[int, list[Action]]]:
    """Each plan's exceptions, and its actions (owners loaded), in five queries in all."""
    # The same rule as "Your actions" and the reminders, counting approved updates only.
    due = actions_due(Action.objects.filter(pk=OuterRef("pk")), today=today, approved_only=True)
    actions_of: dict[int, list[Action]] = {plan.pk: [] for plan in plans}
    for action in _actions(plans).annotate(due=Exists(due)):
        # Who to ask about an exception: the lead organisations (owners are prefetched).
        action.leads = [o.organisation for o in action.owners.all() if o.role == OwnerRole.LEAD]
        actions_of[action.plan_id].append(action)
    progress_of: dict[int, list] = {plan.pk: [] for plan in plans}
    indicators = indicator_list().filter(plan__in=plans)
    for item in indicator_progress(indicators, charts=False):
        progress_of[item.indicator.plan_id].append(item)
    found = {}
    for plan in plans:
        actions, progress = actions_of[plan.pk], progress_of[plan.pk]
        found[plan.pk] = Exceptions(
            significant_delays=[a for a in actions if a.status == ActionStatus.SIGNIFICANT_DELAYS],
            # "During 2024" actions still open after 31 December 2024, and so on per period.
            overdue=[a for a in actions if action_is_overdue(a, today=today)],
            no_update_this_quarter=[a for a in actions if a.due],
            # A plan without delivery periods has no date to slip from.
            slipped=[
                a
                for a in actions
                if a.period and a.target_date and a.target_date > a.period.ends_on
            ],
            worsening=[p for p in progress if p.judgement.judgement == Judgement.WORSENING],
            stale=stale_indicators((p.indicator for p in progress), today=today),
        )
    return found, actions_of


def exceptions(*, plan: DeliveryPlan, today: datetime.date | None = None) -> Exceptions:
    return _exceptions([plan], today=today or timezone.localdate())[0][plan.pk]


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


def changes_since(
    *, plan: DeliveryPlan, since: datetime.date, actions: list[Action] | None = None
) -> dict:
    """Actions whose approved updates landed on or after `since`, with before and after.
    ``actions``: the plan's actions already loaded with their owners (saves two queries)."""
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    # One query: every approved update of the actions with one approved since `start`.
    changed = ProgressUpdate.objects.filter(
        action__plan=plan, review__reviewed_at__gte=start
    ).approved()
    approved = list(
        ProgressUpdate.objects.filter(action_id__in=changed.values("action_id"))
        .approved_in_order()
        .annotate(approved_at=F("review__reviewed_at"))
    )
    changed_ids = {u.action_id for u in approved if u.approved_at >= start}
    by_action: dict[int, list] = {}
    for update in approved:
        by_action.setdefault(update.action_id, []).append(update)
    changes = []
    if actions is None:
        actions = list(_actions([plan]).filter(pk__in=changed_ids))
    for action in (a for a in actions if a.pk in changed_ids):
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


def _other_plans(current: DeliveryPlan) -> list[DeliveryPlan]:
    return list(
        DeliveryPlan.objects.filter(strategy_id=current.strategy_id, ended=False)
        .exclude(pk=current.pk)
        .order_by("-start_year", "slug")
    )


def _other_plans_items(
    plans: list[DeliveryPlan], tables: dict[int, dict], found: dict[int, Exceptions]
) -> list[dict]:
    with_periods = (
        set(DeliveryPeriod.objects.filter(plan__in=plans).values_list("plan_id", flat=True))
        if plans
        else set()
    )
    return [
        {
            "plan": plan,
            "table": tables[plan.pk],
            "exceptions": found[plan.pk],
            "has_periods": plan.pk in with_periods,
        }
        for plan in plans
    ]


def other_plans_in_delivery(
    *, current: DeliveryPlan, today: datetime.date | None = None
) -> list[dict]:
    """Every other plan still in delivery (not ended), each on its own: its actions by theme
    and status, and its exceptions. A plan without delivery periods or target dates (the
    mental health workforce plan) can only have the status and "no update this quarter" ones;
    an ended plan's actions get outcomes and never show here."""
    plans = _other_plans(current)
    found, _actions_of = _exceptions(plans, today=today or timezone.localdate())
    return _other_plans_items(plans, _status_tables(plans), found)


def dashboard_data(*, plan: DeliveryPlan, since: datetime.date, today: datetime.date) -> dict:
    """Everything the dashboard computes for the plan in force and every other plan in
    delivery, in a fixed number of queries (tests/sig/test_dashboard_queries.py): the same
    for 1 plan or 20, 41 actions or 861. Decisions and risks are added by the view."""
    others = _other_plans(plan)
    plans = [plan, *others]
    tables = _status_tables(plans)
    found, actions_of = _exceptions(plans, today=today)
    current = found[plan.pk]
    return {
        "table": tables[plan.pk],
        "headline": headline(table=tables[plan.pk], overdue=current.overdue),
        "exceptions": current,
        "changes": changes_since(plan=plan, since=since, actions=actions_of[plan.pk]),
        "other_plans": _other_plans_items(others, tables, found),
    }
