"""Reads for the staff pages: fixed query counts whatever the data size."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from actions.models import Action, ActionOwner, ProgressUpdate, ReviewDecision
from actions.quarters import quarter_of
from tracker import roles


def actions_for_user(user) -> QuerySet[Action]:
    """The actions a person is responsible for: all for Editors, their organisation's for owners."""
    queryset = Action.objects.select_related("plan", "theme", "period").prefetch_related(
        Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation"))
    )
    if roles.is_editor(user) or roles.can_view_internal(user):
        return queryset.order_by("plan__slug", "number")
    organisation_id = roles.owner_organisation_id(user)
    if organisation_id is None:
        return queryset.none()
    return queryset.filter(owners__organisation_id=organisation_id).order_by("plan__slug", "number")


def actions_due(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Those with no update at all for the current quarter."""
    quarter = quarter_of(timezone.localdate()).code
    has_update = ProgressUpdate.objects.filter(action=OuterRef("pk"), quarter=quarter)
    return actions.exclude(status__in=["complete", "closed"]).filter(~Exists(has_update))


def updates_returned_to(user) -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(
            submitted_by=user, review__decision=ReviewDecision.RETURN, resubmission__isnull=True
        )
        .select_related("action", "action__plan", "review", "review__reviewed_by")
        .order_by("-review__reviewed_at")
    )


def updates_awaiting_review() -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(review__isnull=True)
        .select_related("action", "action__plan", "submitted_by")
        .order_by("submitted_at")
    )


def update_history(action: Action, *, include_unapproved: bool) -> QuerySet[ProgressUpdate]:
    queryset = ProgressUpdate.objects.filter(action=action).select_related(
        "submitted_by", "review", "review__reviewed_by"
    )
    if not include_unapproved:
        queryset = queryset.filter(review__decision=ReviewDecision.APPROVE)
    return queryset.order_by("-quarter", "-submitted_at", "-pk")
