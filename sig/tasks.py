"""Celery tasks for the group's meetings: the frozen pack's PDF and emails about decisions.

Services queue them once their transaction commits (services._queue), so a worker only ever
sees committed rows. The daily job catches up on anything that could not be queued.
"""

import logging

from celery import shared_task

from sig.models import Decision, DecisionState, MeetingPack, NoticeEvent, PackStatus
from sig.notifications import decision_notify
from sig.pack import pack_pdf_build
from sig.selectors import decisions_overdue

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, max_retries=3)
def meeting_pack_build_task(pack_id: int) -> str:
    pack = pack_pdf_build(pack_id=pack_id)
    return pack.status if pack else "missing"


@shared_task(acks_late=True)
def decision_notify_task(decision_id: int, event: str) -> int:
    """Idempotent: each recipient gets each event's email once however often it runs."""
    return decision_notify(decision_id=decision_id, event=event)


@shared_task
def meetings_daily_task() -> int:
    """Run daily by Celery beat. Tells each organisation once when a decision becomes overdue,
    and catches up on what could not be queued when it happened: packs still building, and
    assignment emails not yet sent (each is sent once per person, so nothing goes twice)."""
    for pack_id in MeetingPack.objects.filter(status=PackStatus.BUILDING).values_list(
        "pk", flat=True
    ):
        try:
            pack_pdf_build(pack_id=pack_id)
        except Exception:  # noqa: BLE001 - marked failed on the meeting's page; go on
            logger.exception("Meeting pack %s failed to build", pack_id)
    sent = 0
    for pk in Decision.objects.filter(state=DecisionState.OPEN).values_list("pk", flat=True):
        sent += decision_notify(decision_id=pk, event=NoticeEvent.ASSIGNED)
    for pk in decisions_overdue().values_list("pk", flat=True):
        sent += decision_notify(decision_id=pk, event=NoticeEvent.OVERDUE)
    return sent
