"""The action rules, each tested at its one home: approved order and derived state, finished
statuses and overdue, and "due this quarter"."""

import datetime

import pytest
from django.utils import timezone

from actions.models import (
    Action,
    ProgressReview,
    ProgressUpdate,
    ReviewDecision,
    approved_order_key,
    derived_state,
)
from actions.services import update_approve
from actions.staff_selectors import actions_due, update_before_after
from actions.status import (
    FINISHED_STATUSES,
    ActionStatus,
    action_is_overdue,
    action_overdue_q,
    status_is_downgrade,
)
from tests.factories import ActionFactory, DeliveryPeriodFactory, UserFactory

pytestmark = pytest.mark.django_db

S = ActionStatus
NOON = datetime.time(12, 0)


def _at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date(2024, 6, day), NOON))


@pytest.fixture
def editor():
    return UserFactory(role="Editor")


@pytest.fixture
def action():
    period = DeliveryPeriodFactory(ends_on=datetime.date(2024, 12, 31))
    return ActionFactory(plan=period.plan, period=period)


def _update(action, editor, *, quarter, day, status, decision=ReviewDecision.APPROVE, **extra):
    update = ProgressUpdate.objects.create(
        action=action,
        status=status,
        status_reason="Because.",
        summary_en=f"{status} in {quarter}",
        quarter=quarter,
        submitted_by=editor,
        submitted_at=_at(day),
        **extra,
    )
    if decision is not None:
        ProgressReview.objects.create(
            update=update, decision=decision, comment="Change it.", reviewed_by=editor
        )
    return update


def test_approved_updates_count_by_quarter_then_by_when_they_came(action, editor):
    # Submitted in the opposite order to the quarters they cover.
    q2_late = _update(action, editor, quarter="2024-Q2", day=20, status=S.MINOR_DELAYS)
    q2_early = _update(action, editor, quarter="2024-Q2", day=10, status=S.ON_TRACK)
    q1 = _update(action, editor, quarter="2024-Q1", day=25, status=S.NOT_STARTED)
    _update(action, editor, quarter="2024-Q3", day=26, status=S.COMPLETE, decision=None)
    _update(
        action, editor, quarter="2024-Q3", day=27, status=S.CLOSED, decision=ReviewDecision.RETURN
    )

    approved = list(ProgressUpdate.objects.filter(action=action).approved_in_order())

    # Waiting and returned updates never count; within a quarter the later submission is last.
    assert approved == [q1, q2_early, q2_late]
    assert sorted(approved[::-1], key=approved_order_key) == approved
    assert derived_state(action, approved)[0] == S.MINOR_DELAYS


def test_same_quarter_and_same_moment_falls_back_to_the_later_record(action, editor):
    first = _update(action, editor, quarter="2024-Q2", day=10, status=S.ON_TRACK)
    second = _update(action, editor, quarter="2024-Q2", day=10, status=S.SIGNIFICANT_DELAYS)
    approved = list(ProgressUpdate.objects.filter(action=action).approved_in_order())
    assert approved == [first, second]
    assert derived_state(action, approved)[0] == S.SIGNIFICANT_DELAYS


def test_an_older_quarter_approved_last_does_not_become_the_status(action, editor):
    _update(action, editor, quarter="2024-Q3", day=1, status=S.ON_TRACK)
    late = _update(action, editor, quarter="2024-Q1", day=28, status=S.MINOR_DELAYS, decision=None)
    update_approve(update=late, user=editor)
    action.refresh_from_db()
    assert action.status == S.ON_TRACK
    change = update_before_after(late)
    assert (change["status_before"], change["status_after"]) == (S.ON_TRACK, S.ON_TRACK)


def test_target_date_is_the_latest_revised_date_in_approved_order(action, editor):
    later = datetime.date(2025, 6, 30)
    _update(action, editor, quarter="2024-Q2", day=20, status=S.ON_TRACK, revised_target_date=later)
    _update(action, editor, quarter="2024-Q2", day=10, status=S.ON_TRACK)
    approved = list(ProgressUpdate.objects.filter(action=action).approved_in_order())
    assert derived_state(action, approved) == (S.ON_TRACK, later)
    assert derived_state(action, []) == (S.NO_UPDATE, datetime.date(2024, 12, 31))


def test_complete_and_closed_are_the_finished_statuses():
    assert set(FINISHED_STATUSES) == {S.COMPLETE, S.CLOSED}


@pytest.mark.parametrize(
    ("current", "new", "downgrade"),
    [
        (S.ON_TRACK, S.MINOR_DELAYS, True),
        (S.COMPLETE, S.ON_TRACK, True),
        (S.MINOR_DELAYS, S.NOT_STARTED, False),  # the same rank
        (S.SIGNIFICANT_DELAYS, S.MINOR_DELAYS, False),
        (S.NO_UPDATE, S.MINOR_DELAYS, True),
        (S.NO_UPDATE, S.ON_TRACK, False),
        # Closing is not a downgrade (it needs a reason for its own sake).
        (S.ON_TRACK, S.CLOSED, False),
    ],
)
def test_what_counts_as_a_downgrade(current, new, downgrade):
    assert status_is_downgrade(current, new) is downgrade


@pytest.mark.parametrize("status", list(S))
def test_overdue_query_and_overdue_in_memory_agree(status):
    period = DeliveryPeriodFactory(ends_on=datetime.date(2024, 12, 31))
    action = ActionFactory(plan=period.plan, period=period, status=status)
    for today, open_late in (
        (datetime.date(2024, 12, 31), False),
        (datetime.date(2025, 1, 1), True),
    ):
        expected = open_late and status not in (S.COMPLETE, S.CLOSED)
        assert action_is_overdue(action, today=today) is expected
        in_query = Action.objects.filter(action_overdue_q(today=today), pk=action.pk).exists()
        assert in_query is expected


def test_due_this_quarter(action, editor):
    today = datetime.date(2024, 5, 15)  # 2024-Q2
    due = lambda **kw: set(actions_due(Action.objects.filter(pk=action.pk), today=today, **kw))  # noqa: E731

    assert due() == due(approved_only=True) == {action}
    returned = _update(
        action, editor, quarter="2024-Q2", day=1, status=S.ON_TRACK, decision=ReviewDecision.RETURN
    )
    assert due() == due(approved_only=True) == {action}, "a returned update is still owed"
    waiting = _update(action, editor, quarter="2024-Q2", day=2, status=S.ON_TRACK, decision=None)
    # The owner has done their part; the dashboard, which shows what is published, still lists it.
    assert (due(), due(approved_only=True)) == (set(), {action})
    ProgressReview.objects.create(
        update=waiting, decision=ReviewDecision.APPROVE, reviewed_by=editor
    )
    assert due() == due(approved_only=True) == set()
    assert returned.quarter == waiting.quarter


def test_an_update_for_another_quarter_leaves_the_action_due(action, editor):
    _update(action, editor, quarter="2024-Q1", day=1, status=S.ON_TRACK)
    assert set(
        actions_due(Action.objects.filter(pk=action.pk), today=datetime.date(2024, 5, 1))
    ) == {action}


@pytest.mark.parametrize("status", FINISHED_STATUSES)
def test_a_finished_action_is_never_due(status):
    action = ActionFactory(status=status)
    assert not actions_due(Action.objects.filter(pk=action.pk), today=datetime.date(2024, 5, 1))
