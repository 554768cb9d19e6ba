from celery import shared_task

from core.notices import digest_send


@shared_task(acks_late=True)
def notices_digest_task() -> int:
    """Run weekly by Celery beat: one summary email per person who chose it. A second run
    sends nothing (each notice is marked sent as its summary goes)."""
    return digest_send()
