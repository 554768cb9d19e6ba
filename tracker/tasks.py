from celery import shared_task

from actions.models import Action


@shared_task
def worker_check() -> dict:
    """Proves a worker can reach the broker and the database: used by deploy checks and CI."""
    return {"status": "ok", "actions": Action.objects.count()}
