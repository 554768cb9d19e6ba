"""Loading the proposed lineage links between plans (fixtures/lineage-proposals.json).

Each link names two actions by plan slug and number. The whole document is checked against
the plans already loaded before anything is written; loading again adds only links not yet
there, so a link an Editor confirmed or removed stays as the Editor left it.
"""

from typing import Any

from django.db import transaction

from actions.models import Action, ActionLink, LinkRelation, LinkState
from tracker.plan_document import PlanDocumentError

LINEAGE_FORMAT = "workforce-tracker-lineage/1"


def is_lineage_document(document: Any) -> bool:
    return isinstance(document, dict) and document.get("format") == LINEAGE_FORMAT


def _find(ref: Any, where: str, problems: list[str], actions: dict) -> Action | None:
    if not isinstance(ref, dict):
        problems.append(f"{where}: must name a 'plan' and a 'number'.")
        return None
    found = actions.get((ref.get("plan"), ref.get("number")))
    if found is None:
        problems.append(
            f"{where}: there is no action {ref.get('number')!r} in plan {ref.get('plan')!r}; "
            "load that plan first."
        )
    return found


def check_lineage_document(document: Any) -> list[tuple[Action, str, Action, str]]:
    """The links to load, or PlanDocumentError listing every problem."""
    problems: list[str] = []
    links = document.get("links") if isinstance(document, dict) else None
    if not isinstance(links, list):
        raise PlanDocumentError(["document: 'links' must be a list."])
    actions = {(a.plan.slug, a.number): a for a in Action.objects.select_related("plan").order_by()}
    checked, pairs = [], set()
    for i, link in enumerate(links):
        where = f"links[{i}]"
        if not isinstance(link, dict):
            problems.append(f"{where}: must be an object with named fields.")
            continue
        action = _find(link.get("action"), f"{where} action", problems, actions)
        target = _find(link.get("target"), f"{where} target", problems, actions)
        if link.get("relation") not in LinkRelation.values:
            problems.append(
                f"{where}: 'relation' is {link.get('relation')!r}; it must be one of "
                f"{', '.join(LinkRelation.values)}."
            )
        reason = link.get("reason")
        if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
            problems.append(f"{where}: 'reason' must be one line of text.")
        elif len(reason) > 300:
            problems.append(f"{where}: 'reason' is longer than 300 characters.")
        if action and target:
            if action.plan_id == target.plan_id:
                problems.append(f"{where}: both actions are in plan {action.plan.slug!r}.")
            pair = frozenset((action.pk, target.pk))
            if pair in pairs:
                problems.append(f"{where}: these two actions are already linked above.")
            pairs.add(pair)
            checked.append((action, link.get("relation"), target, reason))
    if problems:
        raise PlanDocumentError(problems)
    return checked


def lineage_load(*, document: Any) -> tuple[int, int]:
    """Add the proposed links not yet there; (added, already there). All or nothing."""
    links = check_lineage_document(document)
    added = 0
    with transaction.atomic():
        for action, relation, target, reason in links:
            exists = ActionLink.objects.filter(action=action, target=target).exists()
            if exists or ActionLink.objects.filter(action=target, target=action).exists():
                continue
            link = ActionLink(
                action=action,
                relation=relation,
                target=target,
                reason_en=reason,
                state=LinkState.PROPOSED,
            )
            link.full_clean()
            link.save()
            added += 1
    return added, len(links) - added
