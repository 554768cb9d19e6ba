"""Reads for the staff pages: fixed query counts whatever the data size."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ActionOwner, ProgressReview, ProgressUpdate, ReviewDecision
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


AUDIT_LIMIT = 100


def audit_entries(*, limit: int = AUDIT_LIMIT) -> list[dict]:
    """The latest changes to updates, reviews, actions and indicator values, newest first.

    A fixed number of queries: the newest `limit` of each history table (on its history_date
    index), then, per kind, the rows their descriptions name ("Update on action 5, 2025-Q1")
    in one query each, instead of one or two per line.
    """
    from measures.models import Observation

    sources = [
        (_("Progress update"), ProgressUpdate, ("action",)),
        (_("Review"), ProgressReview, ("update__action",)),
        (_("Action"), Action, ()),
        (_("Indicator value"), Observation, ("indicator__theme",)),  # its code is the theme's
    ]
    entries = []
    for label, model, related in sources:
        records = list(
            model.history.select_related("history_user").order_by("-history_date", "-history_id")[
                :limit
            ]
        )
        instances = [record.instance for record in records]
        if related:
            prefetch_related_objects(instances, *related)
        entries += [
            {"label": label, "record": record, "instance": instance}
            for record, instance in zip(records, instances, strict=True)
        ]
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return entries[:limit]
