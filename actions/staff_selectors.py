"""Reads for the staff pages: fixed query counts whatever the data size."""

import datetime

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from actions.models import (
    APPROVED_ORDER,
    Action,
    ActionOwner,
    ProgressUpdate,
    ReviewDecision,
    approved_order_key,
    derived_state,
    target_dates_before,
)
from actions.quarters import quarter_of
from actions.status import FINISHED_STATUSES, ActionStatus
from actions.update_models import UPDATE_FIELDS
from core import roles


def actions_for_user(user) -> QuerySet[Action]:
    """The actions a person is responsible for: all for Editors, their organisation's for owners.

    An ended plan's actions are done with (an Editor records their outcomes on their pages)."""
    queryset = (
        Action.objects.exclude(plan__ended=True)
        .select_related("plan", "theme", "period")
        .prefetch_related(
            Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation"))
        )
    )
    if roles.is_editor(user) or roles.can_view_internal(user):
        return queryset.order_by("plan__slug", "number")
    organisation_id = roles.owner_organisation_id(user)
    if organisation_id is None:
        return queryset.none()
    return queryset.filter(owners__organisation_id=organisation_id).order_by("plan__slug", "number")


def actions_user_may_update(user) -> QuerySet[Action]:
    """The actions core.roles.can_submit_update lets this person update, in one query.

    The same rule as can_submit_update (a test holds them together), asked once for a whole
    list instead of once per action.
    """
    open_plans = Action.objects.exclude(plan__ended=True)
    if roles.is_editor(user):
        return open_plans
    organisation_id = roles.owner_organisation_id(user)
    if organisation_id is None:
        return Action.objects.none()
    return open_plans.filter(owners__organisation_id=organisation_id).distinct()


def actions_due(
    actions: QuerySet[Action],
    *,
    today: datetime.date | None = None,
    approved_only: bool = False,
) -> QuerySet[Action]:
    """The one rule for "due this quarter", used by "Your actions", the reminders and the
    dashboard.

    An open action is due until it has an update for the current quarter that is approved or
    waiting for review. A returned update leaves it due: the owner still owes one. The
    dashboard shows what is published, so for it (``approved_only``) an update still waiting
    for review does not count yet.
    """
    quarter = quarter_of(today or timezone.localdate()).code
    approved = Q(review__decision=ReviewDecision.APPROVE)
    counted = ProgressUpdate.objects.filter(action=OuterRef("pk"), quarter=quarter).filter(
        approved if approved_only else approved | Q(review__isnull=True)
    )
    # An ended plan's actions get outcomes, not updates: never due, never reminded.
    return (
        actions.exclude(status__in=FINISHED_STATUSES)
        .exclude(plan__ended=True)
        .filter(~Exists(counted))
    )


def open_submissions(actions: QuerySet[Action]) -> dict[int, ProgressUpdate]:
    """Per action, its newest update if that is still waiting for review or was returned.

    Two queries whatever the number of actions. An action whose newest update was approved
    has nothing open, so it is not in the result.
    """
    newest = (
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .order_by("-submitted_at", "-pk")
        .values("pk")[:1]
    )
    ids = [pk for pk in actions.annotate(newest=Subquery(newest)).values_list("newest", flat=True)]
    updates = (
        ProgressUpdate.objects.filter(pk__in=[pk for pk in ids if pk])
        .exclude(review__decision=ReviewDecision.APPROVE)
        .select_related("submitted_by", "review", "review__reviewed_by")
    )
    return {update.action_id: update for update in updates}


def updates_returned_to(user) -> QuerySet[ProgressUpdate]:
    """Updates returned to this person that they may still resubmit (someone who has since
    left the owning organisation gets no link they could not follow)."""
    return (
        ProgressUpdate.objects.filter(
            submitted_by=user,
            review__decision=ReviewDecision.RETURN,
            resubmission__isnull=True,
            action__in=actions_user_may_update(user),
        )
        .select_related("action", "action__plan", "review", "review__reviewed_by")
        .order_by("-review__reviewed_at")
    )


def updates_awaiting_review() -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(review__isnull=True)
        .select_related(
            "action", "action__plan", "submitted_by__membership__organisation", "resubmission_of"
        )
        .order_by("submitted_at")
    )


def my_action_rows(user) -> list[Action]:
    """The person's actions for "Your actions", each with ``open_submission`` (its newest
    update if waiting for review or returned), ``may_update`` (the update link is shown only
    when it can be followed) and ``may_see_submission`` (the same for the update's page)."""
    queryset = actions_for_user(user)
    may_update = set(actions_user_may_update(user).values_list("pk", flat=True))
    submissions = open_submissions(queryset)
    internal = roles.can_view_internal(user)
    actions = list(queryset)
    for action in actions:
        action.open_submission = update = submissions.get(action.pk)
        action.may_update = action.pk in may_update
        action.may_see_submission = update is not None and (
            internal or update.submitted_by_id == user.pk
        )
        # Only undecided and returned updates are here; a returned one has its review loaded.
        action.submission_returned = update is not None and hasattr(update, "review")
        # The update form lets its author, or an Editor, resubmit a returned update.
        action.resubmit = (
            update
            if action.submission_returned
            and action.may_update
            and (update.submitted_by_id == user.pk or roles.is_editor(user))
            else None
        )
    return actions


def update_before_after(update: ProgressUpdate) -> dict:
    """The action's status and target date before this update and with it, for the reviewer.

    "Before" counts the updates approved before this one was decided (or now, if it is still
    waiting); "with" adds this one, ordered as actions.services orders them, so an update for
    an older quarter honestly shows that it changes nothing.
    """
    action = update.action
    review = getattr(update, "review", None)
    earlier = ProgressUpdate.objects.filter(action=action).approved().exclude(pk=update.pk)
    if review is not None:
        earlier = earlier.filter(review__reviewed_at__lt=review.reviewed_at)
    approved = list(earlier.approved_in_order())
    with_this = sorted([*approved, update], key=approved_order_key)
    before, after = derived_state(action, approved), derived_state(action, with_this)
    return {
        "status_before": before[0],
        "status_before_label": ActionStatus(before[0]).label,
        "target_before": before[1],
        "status_after": after[0],
        "status_after_label": ActionStatus(after[0]).label,
        "target_after": after[1],
    }


_SUMMARY_LABELS = {
    "summary_en": _("Summary of progress in English"),
    "summary_cy": _("Summary of progress in Welsh"),
}


def resubmission_changes(update: ProgressUpdate) -> list[dict]:
    """What the owner changed since the returned update this one resubmits, field by field."""
    earlier = update.resubmission_of
    if earlier is None:
        return []
    changes = []
    for name in UPDATE_FIELDS:
        field = ProgressUpdate._meta.get_field(name)
        old, new = getattr(earlier, name), getattr(update, name)
        if (old or "") == (new or ""):
            continue
        if isinstance(old, datetime.date) or isinstance(new, datetime.date):
            old, new = (formats.date_format(d, "j F Y") if d else "" for d in (old, new))
        elif field.choices:
            old, new = (
                getattr(earlier, f"get_{name}_display")(),
                getattr(update, f"get_{name}_display")(),
            )
        label = _SUMMARY_LABELS.get(name, field.verbose_name)
        changes.append({"label": label, "before": old, "after": new})
    return changes


def published_history(action: Action) -> list[ProgressUpdate]:
    """The approved updates, newest first, each with ``target_before``: the target date in
    force when it came, so a moved date reads "from … to …"."""
    history = list(update_history(action, include_unapproved=False))
    oldest_first = history[::-1]
    for update, before in zip(oldest_first, target_dates_before(action, oldest_first), strict=True):
        update.target_before = before
    return history


def update_history(action: Action, *, include_unapproved: bool) -> QuerySet[ProgressUpdate]:
    queryset = ProgressUpdate.objects.filter(action=action).select_related(
        "submitted_by", "review", "review__reviewed_by", "reports_for"
    )
    if not include_unapproved:
        queryset = queryset.approved()
    # Newest first: the approved order reversed, so published_history can walk it back.
    return queryset.order_by(*APPROVED_ORDER).reverse()
