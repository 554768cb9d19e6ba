from celery import shared_task

from actions.reminders import reminders_send


@shared_task
def reminders_send_task() -> int:
    """Run weekly by Celery beat; sends each reminder once per action and quarter."""
    return reminders_send()
