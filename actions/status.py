"""An action's statuses and the rules that judge them, in one place.

Forms, services, imports, pages, reminders, the dashboard and the development seeder all ask
these functions rather than repeating the comparisons:

- which statuses finish an action (``FINISHED_STATUSES``);
- what counts as a downgrade, and when an update must say why;
- the overdue rule: an action still open after the end of its delivery period, for example a
  "During 2024" action that is neither complete nor closed on 1 January 2025. The dashboard,
  the action list's filter and the action pages use the same two functions, so a count of
  overdue actions and the list it links to can never disagree. An action with no delivery period,
  or of an ended plan (whose actions get outcomes instead), is never overdue.

Nothing here imports a model, so ``actions.models`` can take the enum from here.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from actions.models import Action


class ActionStatus(models.TextChoices):
    NO_UPDATE = "no_update", _("No update yet")
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    MINOR_DELAYS = "minor_delays", _("Minor delays")
    SIGNIFICANT_DELAYS = "significant_delays", _("Significant delays")
    COMPLETE = "complete", _("Complete")
    CLOSED = "closed", _("Closed or superseded")


# Statuses that end an action's delivery: nothing after them is overdue or due.
FINISHED_STATUSES = (ActionStatus.COMPLETE, ActionStatus.CLOSED)

# Worse to better. A move down this scale is a downgrade and needs a reason.
STATUS_RANK = {
    ActionStatus.SIGNIFICANT_DELAYS: 1,
    ActionStatus.MINOR_DELAYS: 2,
    ActionStatus.NOT_STARTED: 2,
    ActionStatus.ON_TRACK: 3,
    ActionStatus.COMPLETE: 4,
}
DELAY_STATUSES = frozenset({ActionStatus.MINOR_DELAYS, ActionStatus.SIGNIFICANT_DELAYS})


def status_is_downgrade(current: str, new: str) -> bool:
    """True when ``new`` is worse than ``current``.

    "No update yet" is not a status an action can be better than, so a first update that
    reports a delay counts as a downgrade: the readers of the first update need the reason
    as much as those of the fifth.
    """
    if current == ActionStatus.NO_UPDATE:
        return new in DELAY_STATUSES
    return current in STATUS_RANK and new in STATUS_RANK and STATUS_RANK[new] < STATUS_RANK[current]


def status_needs_reason(current: str, new: str) -> bool:
    """The one rule for when an update must say why: a downgrade, or closing the action."""
    return new == ActionStatus.CLOSED or status_is_downgrade(current, new)


def action_overdue_q(*, today: datetime.date | None = None) -> Q:
    """The overdue rule as a filter on Action querysets."""
    today = today or timezone.localdate()
    return Q(period__ends_on__lt=today) & ~Q(status__in=FINISHED_STATUSES) & Q(plan__ended=False)


def action_is_overdue(action: Action, *, today: datetime.date | None = None) -> bool:
    """The same rule for one action already in memory (its plan and period must be loaded)."""
    today = today or timezone.localdate()
    if action.period is None or action.plan.ended:
        return False
    return action.period.ends_on < today and action.status not in FINISHED_STATUSES
