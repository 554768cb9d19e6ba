"""Writes for the group's meetings and decisions.

Each service checks who may act (core/roles.py), validates with full_clean inside one
transaction, and refuses a form opened at an older version of the row (EditConflict), as the
action updates do. Emails and the pack's PDF are queued to run once the transaction commits.
"""

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from actions.models import Action, Organisation
from core import roles
from core.errors import EditConflict, NotAllowed
from sig.models import Decision, DecisionState, Meeting, NoticeEvent, Risk
from sig.pack import pack_freeze
from sig.selectors import changes_since_default
from sig.tasks import decision_notify_task, meeting_pack_build_task

logger = logging.getLogger(__name__)


def _queue(task, *args) -> None:
    """Send the task once this transaction commits, as delay_on_commit does, so a worker only
    sees committed rows. If the broker cannot be reached the page still answers: the daily
    job in sig/tasks.py builds any pack still building and sends any email not yet sent."""

    def send() -> None:
        try:
            task.delay(*args)
        except BrokerUnavailable:
            logger.warning("%s%r could not be queued: the broker is unavailable", task.name, args)

    transaction.on_commit(send)


def _claim(model: type[models.Model], *, obj, base_version: int) -> None:
    """Move the row on one version, or refuse if someone moved it since the form opened. One
    conditional UPDATE, so of two people saving at once exactly one succeeds."""
    claimed = model.objects.filter(pk=obj.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        obj.refresh_from_db()
        raise EditConflict(
            _(
                "Someone else changed this while you were looking at it. The page now shows "
                "what they saved; check it and try again."
            ),
            current=obj,
        )
    obj.version = base_version + 1


def _require_meetings_role(user) -> None:
    if not roles.can_hold_meetings(user):
        raise NotAllowed(_("Only the strategic implementation group and Editors do this."))


# Meetings -----------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    user,
    held_on: datetime.date,
    chair,
    attendees: str = "",
    agenda_en: str = "",
    agenda_cy: str = "",
) -> Meeting:
    _require_meetings_role(user)
    if chair is not None and not roles.can_hold_meetings(chair):
        raise ValidationError({"chair": _("The chair must be a member of the group.")})
    meeting = Meeting(
        held_on=held_on,
        chair=chair,
        attendees=attendees,
        agenda_en=agenda_en,
        agenda_cy=agenda_cy,
        created_by=user,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_open(*, meeting: Meeting, user, base_version: int) -> Meeting:
    """Open the meeting: its pack is frozen now, with the changes since the previous meeting,
    and its PDF built by a Celery job once this commits."""
    _require_meetings_role(user)
    _claim(Meeting, obj=meeting, base_version=base_version)
    meeting.refresh_from_db()
    if meeting.is_open:
        raise ValidationError(_("This meeting is already open; its pack is frozen."))
    meeting.opened_at = timezone.now()
    meeting.opened_by = user
    meeting.changes_since = changes_since_default(before=meeting.held_on)
    meeting.full_clean()
    meeting.save()
    for pack in pack_freeze(meeting=meeting):
        _queue(meeting_pack_build_task, pack.pk)
    return meeting


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, user, minutes_en: str, minutes_cy: str, base_version: int
) -> Meeting:
    """Editors write the minutes in English and Welsh, until the chair approves them."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor writes the minutes."))
    _claim(Meeting, obj=meeting, base_version=base_version)
    meeting.refresh_from_db()
    if meeting.minutes_approved:
        raise ValidationError(_("The chair has approved these minutes; they no longer change."))
    meeting.minutes_en, meeting.minutes_cy = minutes_en, minutes_cy
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, user, base_version: int) -> Meeting:
    """The chair approves the minutes; the meeting's public decisions are published."""
    if user.pk != meeting.chair_id or not roles.can_hold_meetings(user):
        raise NotAllowed(_("Only the meeting's chair approves its minutes."))
    _claim(Meeting, obj=meeting, base_version=base_version)
    meeting.refresh_from_db()
    errors = []
    if not meeting.is_open:
        errors.append(_("Open the meeting before approving its minutes."))
    if not (meeting.minutes_en or "").strip():
        errors.append(_("An Editor must write the minutes before the chair approves them."))
    if meeting.minutes_approved:
        errors.append(_("These minutes are already approved."))
    if errors:
        raise ValidationError(errors)
    meeting.minutes_approved_at, meeting.minutes_approved_by = timezone.now(), user
    meeting.save()
    return meeting


@transaction.atomic
def minutes_publish(*, meeting: Meeting, user, base_version: int) -> Meeting:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor publishes the minutes."))
    _claim(Meeting, obj=meeting, base_version=base_version)
    meeting.refresh_from_db()
    if not meeting.minutes_approved:
        raise ValidationError(_("The chair must approve the minutes before they are published."))
    if not meeting.minutes_published:
        meeting.minutes_published_at = timezone.now()
        meeting.save()
    return meeting


# Decisions ----------------------------------------------------------------------------------

# The fields a person gives for a decision, in the order the form shows them.
DECISION_FIELDS = ("wording_en", "wording_cy", "organisation", "due_on", "is_public")


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    user,
    data: dict[str, Any],
    actions: list[Action],
    themes: list | None = None,
    indicators: list | None = None,
) -> Decision:
    """Record a decision made at an open meeting; the organisation's members are emailed once
    it is committed."""
    _require_meetings_role(user)
    if not meeting.is_open:
        raise ValidationError(_("Open the meeting before recording its decisions."))
    organisation = data.get("organisation")
    if organisation is not None and not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": _("Choose an organisation.")})
    decision = Decision(
        meeting=meeting,
        created_by=user,
        **{name: data[name] for name in DECISION_FIELDS if name in data},
    )
    decision.full_clean()
    decision.save()
    decision.actions.set(actions)
    decision.themes.set(themes or [])
    decision.indicators.set(indicators or [])
    _queue(decision_notify_task, decision.pk, NoticeEvent.ASSIGNED)
    return decision


@transaction.atomic
def decision_mark_done(*, decision: Decision, user, base_version: int) -> Decision:
    """The owning organisation's members (or an Editor) say the decision is carried out."""
    if not roles.can_close_decision(user, decision):
        raise NotAllowed(_("Only the organisation the decision is assigned to marks it done."))
    return _close(decision=decision, user=user, base_version=base_version, state="done")


@transaction.atomic
def decision_drop(*, decision: Decision, user, reason: str, base_version: int) -> Decision:
    """The group drops a decision it no longer wants carried out, saying why."""
    _require_meetings_role(user)
    if not reason.strip():
        raise ValidationError({"drop_reason": _("Say why the decision is dropped.")})
    return _close(
        decision=decision, user=user, base_version=base_version, state="dropped", reason=reason
    )


def _close(*, decision: Decision, user, base_version: int, state: str, reason: str = ""):
    _claim(Decision, obj=decision, base_version=base_version)
    decision.refresh_from_db()
    if decision.state != DecisionState.OPEN:
        raise ValidationError(
            _("This decision is already {state}.").format(
                state=decision.get_state_display().lower()
            )
        )
    decision.state, decision.drop_reason = state, reason
    decision.closed_at, decision.closed_by = timezone.now(), user
    decision.full_clean()
    decision.save()
    return decision


# Risks --------------------------------------------------------------------------------------

RISK_FIELDS = (
    "description_en",
    "description_cy",
    "likelihood",
    "impact",
    "owner",
    "mitigations_en",
    "mitigations_cy",
    "review_on",
)


@transaction.atomic
def risk_save(
    *,
    user,
    data: dict[str, Any],
    actions: list[Action],
    themes: list | None = None,
    risk=None,
    base_version: int | None = None,
):
    """Record a new risk, or change one (refused if someone changed it since the form opened).
    Each save adds a history row, so the score's history is kept."""
    _require_meetings_role(user)
    if risk is None:
        risk = Risk()
    else:
        _claim(Risk, obj=risk, base_version=base_version if base_version is not None else -1)
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    risk.full_clean(exclude=["version"])
    risk.save()
    risk.actions.set(actions)
    if themes is not None:  # None leaves the risk's themes as they are
        risk.themes.set(themes)
    return risk
