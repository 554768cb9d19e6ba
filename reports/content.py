"""What the report says about progress: the headline, each action's account, and what changed
since the previous report.

Counts and states come from their one home: action statuses and the overdue rule from
``actions.status``, indicator states from ``measures.judgement`` counted by
``measures.progress.state_counts``. This module only groups them and puts them in words. It
reads only the snapshot's rows, as they stood at the cut-off: it makes no query.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import ProgressUpdate, target_dates_before
from actions.status import DELAY_STATUSES, ActionStatus, action_is_overdue
from measures.judgement import Judgement
from measures.progress import state_counts

# Each status and state as a counted phrase for the headline sentences. The keys are the
# statuses and states themselves, so a new status without a phrase fails loudly here.
_STATUS_PHRASES = {
    ActionStatus.COMPLETE: lambda n: ngettext("%(count)s complete", "%(count)s complete", n),
    ActionStatus.CLOSED: lambda n: ngettext(
        "%(count)s closed or superseded", "%(count)s closed or superseded", n
    ),
    ActionStatus.SIGNIFICANT_DELAYS: lambda n: ngettext(
        "%(count)s with significant delays", "%(count)s with significant delays", n
    ),
    ActionStatus.MINOR_DELAYS: lambda n: ngettext(
        "%(count)s with minor delays", "%(count)s with minor delays", n
    ),
    ActionStatus.ON_TRACK: lambda n: ngettext("%(count)s on track", "%(count)s on track", n),
    ActionStatus.NOT_STARTED: lambda n: ngettext(
        "%(count)s not started", "%(count)s not started", n
    ),
    ActionStatus.NO_UPDATE: lambda n: ngettext(
        "%(count)s with no update yet", "%(count)s with no update yet", n
    ),
}
_STATE_PHRASES = {
    Judgement.IMPROVING: lambda n: ngettext("%(count)s improving", "%(count)s improving", n),
    Judgement.WORSENING: lambda n: ngettext("%(count)s worsening", "%(count)s worsening", n),
    Judgement.NO_CLEAR_CHANGE: lambda n: ngettext(
        "%(count)s with no clear change", "%(count)s with no clear change", n
    ),
    Judgement.NOT_MEASURED: lambda n: ngettext(
        "%(count)s not measured since the baseline",
        "%(count)s not measured since the baseline",
        n,
    ),
    Judgement.NO_BASELINE: lambda n: ngettext(
        "%(count)s with no baseline yet", "%(count)s with no baseline yet", n
    ),
}


def _in_words(phrases: dict, counts: dict) -> str:
    """ "2 complete, 17 on track and 5 with minor delays": every non-zero count in the
    phrases' order, so the parts add up to the total."""
    order = list(phrases)
    parts = [
        phrases[key](counts[key]) % {"count": counts[key]}
        for key in sorted(counts, key=order.index)
        if counts[key]
    ]
    if len(parts) < 2:
        return "".join(parts)
    return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


def _status_counts(items) -> dict:
    counts = dict.fromkeys(ActionStatus, 0)
    for item in items:
        counts[ActionStatus(item.status)] += 1
    return counts


def _is_overdue(item, as_at: datetime.date) -> bool:
    # The rule in actions.status, applied to the status as at the cut-off: a copy of the
    # action carries it, so the rule reads everything else (period, plan) as it is.
    action = copy.copy(item.action)
    action.status = item.status
    return action_is_overdue(action, today=as_at)


@dataclass
class StatusRow:
    status: ActionStatus
    counts: list[int]
    total: int

    @property
    def label(self) -> str:
        return str(self.status.label)


@dataclass
class PeriodGroup:
    """The actions of one delivery period."""

    period: object
    total: int
    overdue: int
    in_words: str
    # Ended by the cut-off: only then can its open actions be overdue.
    ended: bool


@dataclass
class ThemeLine:
    theme: object
    sentence: str


@dataclass
class DateMove:
    before: datetime.date
    after: datetime.date
    reason: str
    # The update that moved it: the template shows its reason in the reader's language.
    update: ProgressUpdate | None = None


@dataclass
class ActionAccount:
    """What the report says of one action beyond its status: the latest approved summary and
    next steps, why it is delayed or closed, how its target date moved, and whether it is
    overdue at the cut-off."""

    overdue: bool
    latest: ProgressUpdate | None
    reason: str = ""
    moves: list[DateMove] = field(default_factory=list)
    # The update that gave the reason: shown in the reader's language, its English marked
    # lang="en" where the Welsh is not written (report_tags.paragraphs).
    reason_update: ProgressUpdate | None = None

    @property
    def next_steps(self) -> str:
        return self.latest.next_steps_en if self.latest else ""


def _reason_update(status: str, updates: list[ProgressUpdate]) -> ProgressUpdate | None:
    """The update that says why the action has its status: the latest that gave a reason
    while it had that status."""
    if status not in DELAY_STATUSES and status != ActionStatus.CLOSED:
        return None
    for update in reversed(updates):
        if update.status != status:
            break
        if (update.status_reason_en or "").strip():
            return update
    return None


def _reason(status: str, updates: list[ProgressUpdate]) -> str:
    update = _reason_update(status, updates)
    return update.status_reason_en if update else ""


def _moves(item, updates: list[ProgressUpdate]) -> list[DateMove]:
    befores = target_dates_before(item.action, updates)
    return [
        DateMove(before, update.revised_target_date, update.date_change_reason_en or "", update)
        for update, before in zip(updates, befores, strict=True)
        if update.revised_target_date and update.revised_target_date != before
    ]


def _action_accounts(*, as_at, actions) -> dict[int, ActionAccount]:
    accounts = {}
    for item in actions:
        updates = item.approved_updates
        accounts[item.action.pk] = ActionAccount(
            overdue=_is_overdue(item, as_at),
            latest=updates[-1] if updates else None,
            reason=_reason(item.status, updates),
            moves=_moves(item, updates),
            reason_update=_reason_update(item.status, updates),
        )
    return accounts


def headline(*, as_at, sections, actions, indicators) -> dict:
    """The first page: actions by period and status, indicators by state, one line a theme."""
    # An action of a later plan may have no delivery period: it counts in "All actions" only.
    periods = sorted(
        {a.action.period for a in actions if a.action.period is not None},
        key=lambda p: (p.position, p.pk),
    )
    by_period = {p.pk: [a for a in actions if a.action.period_id == p.pk] for p in periods}
    groups = []
    for period in periods:
        items = by_period[period.pk]
        counts = _status_counts(items)
        groups.append(
            PeriodGroup(
                period=period,
                total=len(items),
                overdue=sum(1 for a in items if _is_overdue(a, as_at)),
                in_words=_in_words(_STATUS_PHRASES, counts),
                ended=period.ends_on < as_at,
            )
        )
    per_period = [_status_counts(by_period[p.pk]) for p in periods]
    everything = _status_counts(actions)
    rows = [
        StatusRow(status, [c[status] for c in per_period], everything[status])
        for status in ActionStatus
    ]
    states = state_counts(indicators)
    return {
        "groups": groups,
        "status_rows": rows,
        "action_total": len(actions),
        "states": states,
        "indicators_in_words": _in_words(_STATE_PHRASES, {s.state: s.count for s in states}),
        "themes": [_theme_line(section) for section in sections],
    }


def _theme_line(section) -> ThemeLine:
    total = len(section.actions)
    actions = ngettext("%(total)s action: %(parts)s", "%(total)s actions: %(parts)s", total) % {
        "total": total,
        "parts": _in_words(_STATUS_PHRASES, _status_counts(section.actions)),
    }
    count = len(section.indicators)
    if count:
        states = {s.state: s.count for s in state_counts(section.indicators)}
        indicators = ngettext(
            "%(total)s indicator: %(parts)s", "%(total)s indicators: %(parts)s", count
        ) % {"total": count, "parts": _in_words(_STATE_PHRASES, states)}
    else:
        indicators = _("no indicators yet")
    return ThemeLine(
        section.theme,
        _("%(actions)s; %(indicators)s.") % {"actions": actions, "indicators": indicators},
    )


@dataclass
class ActionChange:
    """An action whose status or target date changed since the previous report."""

    item: object
    status_before: str = ""
    reason: str = ""
    date_before: datetime.date | None = None
    date_reason: str = ""


@dataclass
class IndicatorChange:
    item: object
    before: str


def _changes_in_words(changes, *, indicators) -> dict | None:
    """The previous report's comparison (``changes``, from the snapshot), with each change's
    reason from the updates counted since, and the indicators whose state changed."""
    if changes is None:
        return None
    then = {a.action.pk: a for a in changes["actions_before"]}

    def since(item) -> list[ProgressUpdate]:
        counted = {u.pk for u in then[item.action.pk].approved_updates}
        return [u for u in item.approved_updates if u.pk not in counted]

    by_action: dict[int, ActionChange] = {}
    for change in changes["status_changes"]:
        item = change["action"]
        by_action[item.action.pk] = ActionChange(
            item, status_before=change["before"], reason=_reason(item.status, since(item))
        )
    for change in changes["slipped"]:
        item = change["action"]
        entry = by_action.setdefault(item.action.pk, ActionChange(item))
        entry.date_before = change["before"]
        entry.date_reason = next(
            (
                u.date_change_reason_en or ""
                for u in reversed(since(item))
                if u.revised_target_date == item.target_date
            ),
            "",
        )
    before = {i.indicator.pk: i for i in changes["indicators_before"]}
    indicator_changes = [
        IndicatorChange(item, str(before[item.indicator.pk].state.label))
        for item in indicators
        if item.indicator.pk in before and before[item.indicator.pk].state != item.state
    ]
    return {
        "previous": changes["previous"],
        "actions": sorted(by_action.values(), key=lambda c: c.item.action.number),
        "indicators": indicator_changes,
        "new_data": changes["new_data"],
    }


def report_progress(*, as_at, sections, actions, indicators, changes) -> dict:
    """Everything this module adds to the snapshot, under one key. ``actions`` carry their
    approved updates as at the cut-off (selectors.ActionAsAt)."""
    return {
        "headline": headline(
            as_at=as_at, sections=sections, actions=actions, indicators=indicators
        ),
        "accounts": _action_accounts(as_at=as_at, actions=actions),
        "changes": _changes_in_words(changes, indicators=indicators),
    }
