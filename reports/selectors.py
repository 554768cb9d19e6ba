"""The content of a report, as at its cut-off date: only what was approved by then."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    MeasurementLine,
    ProgressUpdate,
    ReviewDecision,
    approved_order_key,
    derived_state,
)
from actions.plan_models import DeliveryPeriod, DeliveryPlan, Organisation
from actions.quarters import Quarter, parse_quarter
from actions.status import ActionStatus
from core.files import file_read
from measures.measure_selectors import measure_results
from measures.models import Indicator, IndicatorBreakdown, Observation
from measures.progress import indicator_progress, state_counts
from reports.as_at import attach, link, rows_as_at
from reports.content import report_progress
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
    # Every update counted, oldest first in APPROVED_ORDER (actions.models.target_dates_before
    # reads them for "moved from ... to ...").
    approved_updates: list[ProgressUpdate] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)


@dataclass
class ThemeSection:
    theme: Theme
    indicators: list
    actions: list[ActionAsAt]
    measurement_lines: list = field(default_factory=list)
    # Each progress measure of the theme with its figures or statements as at the cut-off.
    measure_results: list = field(default_factory=list)


def _themes_as_at(plan, cutoff) -> dict[int, Theme]:
    return {t.pk: t for t in rows_as_at(Theme, cutoff, strategy_id=plan.strategy_id)}


def _actions_as_at(plan, cutoff, year: int, themes: dict | None = None) -> list[ActionAsAt]:
    """Every action of the plan with its wording, period, owners and approved updates as they
    stood at the cut-off (reports.as_at), and the status and target date derived from them.
    Only updates approved by the cut-off for a quarter of the reporting year or before count."""
    themes = themes if themes is not None else _themes_as_at(plan, cutoff)
    periods = {p.pk: p for p in rows_as_at(DeliveryPeriod, cutoff, plan_id=plan.pk)}
    actions = rows_as_at(Action, cutoff, plan_id=plan.pk)
    link(actions, "plan", {plan.pk: plan})
    link(actions, "theme", themes)
    link(actions, "period", periods)
    points = sorted(rows_as_at(ActionSubPoint, cutoff, action__plan=plan), key=lambda p: p.position)
    link(points, "action", {a.pk: a for a in actions})
    attach(actions, "sub_points", points, "action_id")
    owners = rows_as_at(ActionOwner, cutoff, action__plan=plan)
    organisations = {
        o.pk: o
        for o in rows_as_at(
            Organisation,
            cutoff,
            id__in=ActionOwner.history.filter(action__plan=plan).values("organisation_id"),
        )
    }
    link(owners, "organisation", organisations)
    link(owners, "sub_point", {p.pk: p for p in points})
    owners.sort(key=lambda o: (o.role, o.organisation.name))
    attach(actions, "owners", owners, "action_id")
    # Reviews are never changed, so the live table says which updates were approved by then.
    approved_by_then = ProgressUpdate.objects.filter(
        action__plan=plan, review__decision=ReviewDecision.APPROVE, review__reviewed_at__lte=cutoff
    ).values("id")
    last_quarter = Quarter(year, 4)
    updates = [
        u
        for u in rows_as_at(ProgressUpdate, cutoff, id__in=approved_by_then)
        if _quarter_within(u.quarter, last_quarter)
    ]
    link(updates, "action", {a.pk: a for a in actions})
    by_action: dict[int, list[ProgressUpdate]] = {}
    for update in sorted(updates, key=approved_order_key):
        by_action.setdefault(update.action_id, []).append(update)
    result = []
    for action in sorted(actions, key=lambda a: a.number):
        approved = by_action.get(action.pk, [])
        status, target = derived_state(action, approved)
        result.append(
            ActionAsAt(
                action=action,
                status=status,
                target_date=target,
                summary_update=approved[-1] if approved else None,
                approved_updates=approved,
            )
        )
    return result


def _quarter_within(code: str, last: Quarter) -> bool:
    try:
        return parse_quarter(code) <= last
    except ValueError:
        return False


def _indicators_as_at(plan, as_at, cutoff, themes: dict | None = None) -> list:
    """The plan's indicators, breakdowns and values as they stood at the cut-off."""
    themes = themes if themes is not None else _themes_as_at(plan, cutoff)
    indicators = rows_as_at(Indicator, cutoff, plan_id=plan.pk)
    link(indicators, "plan", {plan.pk: plan})
    link(indicators, "theme", themes)
    by_id = {i.pk: i for i in indicators}
    breakdowns = sorted(
        rows_as_at(IndicatorBreakdown, cutoff, indicator__plan=plan), key=lambda b: b.position
    )
    link(breakdowns, "indicator", by_id)
    attach(indicators, "breakdowns", breakdowns, "indicator_id")
    # Baselines are the plan's own figures, whenever they were loaded; later values count
    # only if they were recorded by the cut-off, for a period ended by then.
    observations = sorted(
        (
            o
            for o in rows_as_at(Observation, cutoff, indicator__plan=plan)
            if o.is_baseline or (o.created_at <= cutoff and o.period_end <= as_at)
        ),
        key=lambda o: (o.period_end, o.breakdown),
    )
    link(observations, "indicator", by_id)
    attach(indicators, "observations", observations, "indicator_id")
    indicators.sort(key=lambda i: (i.theme.number, i.position))
    return indicator_progress(indicators)


def report_snapshot(*, report: AnnualReport, as_at: datetime.date) -> dict:
    """Everything the report shows. The same inputs give the same content, however much
    has been approved since the cut-off."""
    cutoff = cutoff_of(as_at)
    # The plan's title and periods' labels as they stood too (reports.as_at).
    (plan,) = rows_as_at(DeliveryPlan, cutoff, id=report.plan_id)
    themes = _themes_as_at(plan, cutoff)
    actions = _actions_as_at(plan, cutoff, report.year, themes)
    indicators = _indicators_as_at(plan, as_at, cutoff, themes)
    # The plan's measurement lines as they stood too (they have history since actions 0007).
    every_line = rows_as_at(MeasurementLine, cutoff, plan_id=plan.pk)
    attach(every_line, "children", sorted(every_line, key=lambda x: x.position), "parent_id")
    lines = sorted(
        (line for line in every_line if line.parent_id is None),
        key=lambda line: (themes[line.theme_id].number, line.position),
    )
    results = measure_results(plan=plan, as_at=as_at, rows_as_at=rows_as_at)
    sections = [
        ThemeSection(
            theme=theme,
            indicators=[i for i in indicators if i.indicator.theme_id == theme.pk],
            actions=[a for a in actions if a.action.theme_id == theme.pk],
            measurement_lines=[line for line in lines if line.theme_id == theme.pk],
            measure_results=[r for r in results if r.measure.line.theme_id == theme.pk],
        )
        for theme in sorted(themes.values(), key=lambda t: t.number)
    ]
    periods = sorted(rows_as_at(DeliveryPeriod, cutoff, plan_id=plan.pk), key=lambda p: p.position)
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
    changes = _changes_since_previous(
        report=report, as_at=as_at, actions=actions, indicators=indicators
    )
    return {
        "report": report,
        "plan": plan,
        "as_at": as_at,
        "sections": sections,
        "actions": actions,
        "status_summary": status_summary,
        "judgement_summary": judgement_summary,
        "indicator_total": len(indicators),
        "changes": changes,
        # The headline, each action's account and the changes in words (reports.content).
        "progress": report_progress(
            as_at=as_at, sections=sections, actions=actions, indicators=indicators, changes=changes
        ),
    }


def _changes_since_previous(*, report, as_at, actions, indicators) -> dict | None:
    """Compared with the latest report published by this cut-off for an earlier one (any
    year of the plan): one published later cannot change a rebuild of this edition."""
    previous = (
        ReportRun.objects.filter(
            report__plan=report.plan, published_at__lte=cutoff_of(as_at), as_at__lt=as_at
        )
        .select_related("report")
        .order_by("-as_at", "-version")
        .first()
    )
    if previous is None:
        return None
    then_cutoff = cutoff_of(previous.as_at)
    before = {
        a.action.pk: a for a in _actions_as_at(report.plan, then_cutoff, previous.report.year)
    }
    status_changes, slipped = [], []
    for now in actions:
        then = before.get(now.action.pk)
        if then is None:
            continue
        if then.status != now.status:
            status_changes.append({"action": now, "before": then.status_label})
        if now.target_date > then.target_date:
            slipped.append({"action": now, "before": then.target_date})
    # The values recorded between the two cut-offs, as they stood at this one.
    new_data = [
        o
        for item in indicators
        for o in item.indicator.observations.all()
        if not o.is_baseline and o.created_at > then_cutoff
    ]
    return {
        "previous": previous,
        "status_changes": status_changes,
        "slipped": slipped,
        "new_data": new_data,
        # For the reasons and the indicators' changes in words (reports.content).
        "actions_before": list(before.values()),
        "indicators_before": _indicators_as_at(report.plan, previous.as_at, then_cutoff),
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
    """The other language's edition of the same report and cut-off date, built and neither
    published nor being published (ReportRun.is_publishable): the two are previewed and
    published together."""
    return (
        ReportRun.objects.filter(
            report_id=run.report_id,
            as_at=run.as_at,
            status=RunStatus.READY,
            published_at__isnull=True,
            publication_requested_at__isnull=True,
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


# A tag marked as English; a link to the English edition (hreflang) is not a fallback.
_ENGLISH_TAG = re.compile(r"<[a-z][^>]*\slang=\"en(?:-[A-Za-z]+)?\"[^>]*>")


def english_fallback_count(*, run: ReportRun) -> int:
    """How many passages of a built Welsh edition are shown in English (lang="en") because
    their Welsh text is missing: the publish page warns the Editor with this count."""
    if run.language == "en" or not run.html_file:
        return 0
    data = file_read(run.html_file)
    if data is None:
        return 0
    html = data.decode("utf-8")
    return sum("hreflang" not in tag for tag in _ENGLISH_TAG.findall(html))
