"""Celery tasks for people: the invitation email. Services queue it once their transaction
commits (people/services.py), so the worker always finds the invitation."""

from celery import shared_task

from people.emails import invitation_email_send


@shared_task(acks_late=True, max_retries=3)
def invitation_send_task(invitation_id: int, token: str) -> bool:
    """Idempotent: a task delivered twice sends the email once (people/emails.py)."""
    return invitation_email_send(invitation_id=invitation_id, token=token)
