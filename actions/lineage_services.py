"""Writes for lineage links and an ended plan's outcomes. Editors only; history is kept by
django-simple-history on ActionLink and ActionOutcome."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.lineage_models import ActionLink, ActionOutcome, LinkState
from actions.models import Action
from core import roles
from core.errors import NotAllowed


def _editors_only(user) -> None:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only Editors manage links between plans and record outcomes."))


def action_outcome_record(*, user, action: Action, outcome: str, reason: str) -> ActionOutcome:
    """Record (or correct) how an ended plan's action finished."""
    _editors_only(user)
    with transaction.atomic():
        record = ActionOutcome.objects.select_for_update().filter(action=action).first()
        record = record or ActionOutcome(action=action)
        record.outcome = outcome
        record.reason = reason.strip()
        record.recorded_by = user
        record.recorded_at = timezone.now()
        record.full_clean()
        record.save()
    return record


def action_link_add(
    *, user, action: Action, relation: str, target: Action, reason: str
) -> ActionLink:
    """An Editor's own link is confirmed at once. A pair once removed comes back with it."""
    _editors_only(user)
    with transaction.atomic():
        link = (
            ActionLink.objects.select_for_update().filter(action=action, target=target).first()
            or ActionLink.objects.select_for_update().filter(action=target, target=action).first()
        )
        if link is not None and link.state != LinkState.REMOVED:
            raise ValidationError(
                {"target": _("These two actions are already linked: confirm or remove that link.")}
            )
        link = link or ActionLink()
        link.action, link.target = action, target
        link.relation, link.reason_en = relation, reason.strip()
        link.state = LinkState.CONFIRMED
        link.full_clean()
        link.save()
    return link


def _link_set_state(*, user, link: ActionLink, state: str) -> ActionLink:
    _editors_only(user)
    with transaction.atomic():
        link = ActionLink.objects.select_for_update().get(pk=link.pk)
        link.state = state
        link.full_clean()
        link.save()
    return link


def action_link_confirm(*, user, link: ActionLink) -> ActionLink:
    return _link_set_state(user=user, link=link, state=LinkState.CONFIRMED)


def action_link_remove(*, user, link: ActionLink) -> ActionLink:
    """Removed links are kept (hidden) so a reload of the proposals never brings them back."""
    return _link_set_state(user=user, link=link, state=LinkState.REMOVED)
