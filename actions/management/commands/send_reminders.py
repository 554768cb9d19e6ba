from django.core.management.base import BaseCommand

from actions.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Email owners of actions with no update this quarter. Sends each reminder once per "
        "action and quarter, so it is safe to run from cron as well as Celery beat."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
