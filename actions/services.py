"""Writes for actions: progress updates and their reviews.

Loading a whole plan document lives in tracker.plan_loading (it writes every app)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from actions.models import (
    Action,
    Organisation,
    ProgressReview,
    ProgressUpdate,
    ReviewDecision,
    ReviewState,
    derived_state,
)
from actions.tasks import update_notify_queue
from actions.update_emails import APPROVED, RETURNED, SUBMITTED
from actions.update_models import UPDATE_FIELDS, UPDATE_TWINS
from core import roles
from core.errors import EditConflict, NotAllowed

# Progress updates ---------------------------------------------------------------------------


def _claim_action_version(*, action: Action, base_version: int) -> None:
    """Move the action on one version, or refuse if someone moved it since the form opened.

    A conditional UPDATE is atomic on every database, so of two people saving at once exactly
    one succeeds.
    """
    claimed = Action.objects.filter(pk=action.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        latest = (
            ProgressUpdate.objects.filter(action=action)
            .select_related("submitted_by", "review")
            .order_by("-submitted_at", "-pk")
            .first()
        )
        raise EditConflict(
            _(
                "Someone else changed this action while you were editing it. Their update is "
                "shown below; your text is kept in the form. Check it and save again."
            ),
            current=latest,
        )
    action.version = base_version + 1


@transaction.atomic
def update_submit(
    *,
    action: Action,
    user,
    data: dict[str, Any],
    base_version: int,
    resubmission_of: ProgressUpdate | None = None,
    approve: bool = False,
) -> ProgressUpdate:
    """Record a new progress update. Editors may approve their own in the same step."""
    if not roles.can_submit_update(user, action):
        raise NotAllowed(_("You can only update actions your organisation leads or supports."))
    if approve and not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can approve an update."))
    if resubmission_of is not None:
        if resubmission_of.action_id != action.pk:
            raise ValidationError(_("The returned update belongs to another action."))
        if update_state(resubmission_of) != ReviewState.RETURNED:
            raise ValidationError(_("Only a returned update can be resubmitted."))
        if ProgressUpdate.objects.filter(resubmission_of=resubmission_of).exists():
            raise ValidationError(_("That returned update has already been resubmitted."))
    given = {name: data.get(name) for name in UPDATE_FIELDS if name in data}
    for name in UPDATE_TWINS:
        # A text given under its plain name (callers and files from before the Welsh twins)
        # is the English one.
        if name in data and f"{name}_en" not in data:
            given[f"{name}_en"] = data[name]
    given["reports_for"] = _reports_for(action=action, organisation=given.get("reports_for"))
    update = ProgressUpdate(
        action=action, submitted_by=user, resubmission_of=resubmission_of, **given
    )
    update.full_clean()
    _claim_action_version(action=action, base_version=base_version)
    update.save()
    if approve:
        update_approve(update=update, user=user)
    else:
        update_notify_queue(update_id=update.pk, event=SUBMITTED)
    return update


def _reports_for(*, action: Action, organisation) -> Organisation | None:
    """An update may report one owning organisation's part of the action, never another's.
    Empty: the update covers the whole action."""
    if organisation is None or organisation == "":
        return None
    if (
        not isinstance(organisation, Organisation)
        or not action.owners.filter(organisation=organisation).exists()
    ):
        raise ValidationError(
            {
                "reports_for": _(
                    "Which organisation's part this reports: choose one of the organisations "
                    "that lead or support action {number}."
                ).format(number=action.number)
            }
        )
    return organisation


def update_state(update: ProgressUpdate) -> str:
    review = getattr(update, "review", None)
    if review is None:
        return ReviewState.SUBMITTED
    if review.decision == ReviewDecision.APPROVE:
        return ReviewState.APPROVED
    return ReviewState.RETURNED


def _review(*, update: ProgressUpdate, user, decision: str, comment: str) -> ProgressReview:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can review updates."))
    review = ProgressReview(update=update, decision=decision, comment=comment, reviewed_by=user)
    existing = ProgressReview.objects.filter(update=update).select_related("reviewed_by").first()
    if existing is not None:
        raise EditConflict(
            _("{person} already decided on this update on {when}.").format(
                person=existing.reviewed_by.get_full_name() or existing.reviewed_by.username,
                when=formats.date_format(timezone.localtime(existing.reviewed_at), "j F Y, H:i"),
            ),
            current=existing,
        )
    review.full_clean(exclude=["update"])
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as exc:
        # Another Editor's decision landed between our check and our save.
        raise EditConflict(_("Someone else decided on this update first."), current=None) from exc
    return review


@transaction.atomic
def update_approve(*, update: ProgressUpdate, user) -> ProgressReview:
    """Approve an update: it becomes public and, if it is the newest approved, current."""
    review = _review(update=update, user=user, decision=ReviewDecision.APPROVE, comment="")
    action = Action.objects.select_for_update().get(pk=update.action_id)
    _action_refresh(action=action)
    if update.submitted_by_id != user.pk:
        # An Editor approving their own update (the form's one step, every imported row) has
        # no one to tell: not queued at all, so an import of many rows sends no empty jobs.
        update_notify_queue(update_id=update.pk, event=APPROVED)
    return review


@transaction.atomic
def update_return(*, update: ProgressUpdate, user, comment: str) -> ProgressReview:
    """Send an update back to its owner with a comment they will see."""
    review = _review(update=update, user=user, decision=ReviewDecision.RETURN, comment=comment)
    Action.objects.filter(pk=update.action_id).update(version=models.F("version") + 1)
    update_notify_queue(update_id=update.pk, event=RETURNED)
    return review


def _action_refresh(*, action: Action) -> None:
    """Derive the action's status and target date from its approved updates."""
    approved = list(ProgressUpdate.objects.filter(action=action).approved_in_order())
    status, target = derived_state(action, approved)
    # The caller holds the row lock (select_for_update), so counting up in Python is safe.
    action.status, action.target_date, action.version = status, target, action.version + 1
    action.save(update_fields=["status", "target_date", "version"])
