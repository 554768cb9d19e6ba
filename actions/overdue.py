"""The overdue rule, in one place: an action still open after the end of its delivery period.

For example a "During 2024" action that is neither complete nor closed on 1 January 2025.
The dashboard, the action list's filter and the action pages all use these two functions, so
that a count of overdue actions and the list it links to can never disagree.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from actions.models import Action, ActionStatus

# Statuses that end an action's delivery: nothing after them is overdue.
FINISHED_STATUSES = (ActionStatus.COMPLETE, ActionStatus.CLOSED)


def action_overdue_q(*, today: datetime.date | None = None) -> Q:
    """The overdue rule as a filter on Action querysets."""
    today = today or timezone.localdate()
    return Q(period__ends_on__lt=today) & ~Q(status__in=FINISHED_STATUSES)


def action_is_overdue(action: Action, *, today: datetime.date | None = None) -> bool:
    """The same rule for one action already in memory (its period must be loaded)."""
    today = today or timezone.localdate()
    return action.period.ends_on < today and action.status not in FINISHED_STATUSES
