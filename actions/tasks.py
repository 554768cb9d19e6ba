import logging

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

from actions.reminders import reminders_send
from actions.update_emails import update_notify

logger = logging.getLogger(__name__)


@shared_task
def reminders_send_task() -> int:
    """Run weekly by Celery beat; sends each reminder once per action and quarter."""
    return reminders_send()


# A mail server that cannot be reached (OSError, SMTPException among them) is tried again later;
# those already told are not told twice.
@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def update_notify_task(update_id: int, event: str) -> int:
    """Idempotent: each person gets each update event's email once however often it runs."""
    return update_notify(update_id=update_id, event=event)


def update_notify_queue(*, update_id: int, event: str) -> None:
    """Queue the email once the transaction commits (Celery's delay_on_commit), so the worker
    sees the committed update. A broker that cannot be reached must not turn a saved update
    into an error page: the email is then lost, and the update still waits in the review queue
    and on "Your actions"."""

    def send() -> None:
        try:
            update_notify_task.delay(update_id, event)
        except BrokerUnavailable:
            logger.warning("Update %s %s email not queued: broker unavailable", update_id, event)

    transaction.on_commit(send)
