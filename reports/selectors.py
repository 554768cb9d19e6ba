"""The content of a report, as at its cut-off date: only what was approved by then."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from actions.models import (
    Action,
    ActionOwner,
    MeasurementLine,
    ProgressUpdate,
    derived_state,
)
from actions.status import ActionStatus
from measures.models import Indicator, Observation
from measures.progress import indicator_progress, state_counts
from reports.models import AnnualReport, ReportRun, RunStatus
from themes.models import Theme


def cutoff_of(as_at: datetime.date) -> datetime.datetime:
    """The end of the as-at day in the service's time zone."""
    return timezone.make_aware(datetime.datetime.combine(as_at, datetime.time.max))


@dataclass
class ActionAsAt:
    action: Action
    status: str
    target_date: datetime.date
    summary_update: ProgressUpdate | None

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)


@dataclass
class ThemeSection:
    theme: Theme
    indicators: list
    actions: list[ActionAsAt]
    measurement_lines: list = field(default_factory=list)


def _actions_as_at(plan, cutoff) -> list[ActionAsAt]:
    actions = list(
        Action.objects.filter(plan=plan)
        .select_related("theme", "period")
        .prefetch_related(
            "sub_points",
            Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation")),
        )
        .order_by("number")
    )
    approved = ProgressUpdate.objects.filter(
        action__plan=plan, review__reviewed_at__lte=cutoff
    ).approved_in_order()
    by_action: dict[int, list[ProgressUpdate]] = {}
    for update in approved:
        by_action.setdefault(update.action_id, []).append(update)
    result = []
    for action in actions:
        updates = by_action.get(action.pk, [])
        status, target = derived_state(action, updates)
        result.append(
            ActionAsAt(
                action=action,
                status=status,
                target_date=target,
                summary_update=updates[-1] if updates else None,
            )
        )
    return result


def _indicators_as_at(plan, as_at, cutoff) -> list:
    # Baselines are the plan's own figures, whenever they were loaded; later values count
    # only if they were recorded by the cut-off.
    observations = Observation.objects.filter(
        Q(is_baseline=True) | Q(created_at__lte=cutoff, period_end__lte=as_at)
    ).order_by("period_end", "breakdown")
    indicators = (
        Indicator.objects.filter(plan=plan)
        .select_related("theme", "plan")
        .prefetch_related(Prefetch("observations", queryset=observations), "breakdowns")
        .order_by("theme__number", "position")
    )
    return indicator_progress(indicators)


def report_snapshot(*, report: AnnualReport, as_at: datetime.date) -> dict:
    """Everything the report shows. The same inputs give the same content, however much
    has been approved since the cut-off."""
    plan = report.plan
    cutoff = cutoff_of(as_at)
    actions = _actions_as_at(plan, cutoff)
    indicators = _indicators_as_at(plan, as_at, cutoff)
    lines = list(
        MeasurementLine.objects.filter(plan=plan, parent=None)
        .prefetch_related("children")
        .order_by("theme__number", "position")
    )
    themes = list(Theme.objects.filter(strategy=plan.strategy).order_by("number"))
    sections = [
        ThemeSection(
            theme=theme,
            indicators=[i for i in indicators if i.indicator.theme_id == theme.pk],
            actions=[a for a in actions if a.action.theme_id == theme.pk],
            measurement_lines=[line for line in lines if line.theme_id == theme.pk],
        )
        for theme in themes
    ]
    periods = list(plan.periods.order_by("position"))
    status_summary = [
        {
            "period": period,
            "rows": [
                {
                    "label": label,
                    "count": sum(
                        1 for a in actions if a.action.period_id == period.pk and a.status == value
                    ),
                }
                for value, label in ActionStatus.choices
            ],
            "total": sum(1 for a in actions if a.action.period_id == period.pk),
        }
        for period in periods
    ]
    # The same states and counts as the indicator pages: every indicator in exactly one.
    judgement_summary = state_counts(indicators)
    return {
        "report": report,
        "plan": plan,
        "as_at": as_at,
        "sections": sections,
        "actions": actions,
        "status_summary": status_summary,
        "judgement_summary": judgement_summary,
        "indicator_total": len(indicators),
        "changes": _changes_since_previous(report=report, as_at=as_at, actions=actions),
    }


def _changes_since_previous(*, report, as_at, actions) -> dict | None:
    """Compared with the latest report published before this cut-off (any year of the plan)."""
    previous = (
        ReportRun.objects.filter(
            report__plan=report.plan, published_at__isnull=False, as_at__lt=as_at
        )
        .order_by("-as_at", "-version")
        .first()
    )
    if previous is None:
        return None
    before = {a.action.pk: a for a in _actions_as_at(report.plan, cutoff_of(previous.as_at))}
    status_changes, slipped = [], []
    for now in actions:
        then = before.get(now.action.pk)
        if then is None:
            continue
        if then.status != now.status:
            status_changes.append({"action": now, "before": then.status_label})
        if now.target_date > then.target_date:
            slipped.append({"action": now, "before": then.target_date})
    new_data = list(
        Observation.objects.filter(
            indicator__plan=report.plan,
            is_baseline=False,
            created_at__gt=cutoff_of(previous.as_at),
            created_at__lte=cutoff_of(as_at),
            period_end__lte=as_at,
        )
        .select_related("indicator", "indicator__theme")
        .order_by("indicator__theme__number", "indicator__position", "period_end")
    )
    return {
        "previous": previous,
        "status_changes": status_changes,
        "slipped": slipped,
        "new_data": new_data,
    }


def report_latest_published(*, language: str) -> ReportRun | None:
    """The newest published report, in the reader's language if there is one."""
    runs = ReportRun.objects.filter(published_at__isnull=False).select_related(
        "report", "report__plan"
    )
    return (
        runs.filter(language=(language or "en")[:2]).order_by("-as_at", "-version").first()
        or runs.order_by("-as_at", "-version").first()
    )


def report_edition_partner(*, run: ReportRun) -> ReportRun | None:
    """The other language's edition of the same report and cut-off date, built and not yet
    published: the two are previewed and published together."""
    return (
        ReportRun.objects.filter(
            report_id=run.report_id,
            as_at=run.as_at,
            status=RunStatus.READY,
            published_at__isnull=True,
        )
        .exclude(language=run.language)
        .select_related("report", "report__plan")
        .order_by("-finished_at", "-pk")
        .first()
    )


def report_published_edition(*, report_id: int, language: str, as_at=None) -> ReportRun | None:
    """The published edition of a report in one language: the same cut-off date if there is
    one, else its latest version."""
    runs = ReportRun.objects.filter(
        report_id=report_id, language=language, published_at__isnull=False
    ).order_by("-version")
    return (runs.filter(as_at=as_at).first() if as_at else None) or runs.first()
