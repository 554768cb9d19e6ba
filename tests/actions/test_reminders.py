import pytest
from django.core import mail
from django.core.management import call_command

from actions.models import Organisation, ReminderSent
from tests.factories import owner_of

pytestmark = pytest.mark.django_db


def test_reminders_go_once_per_action_and_quarter(real_plan):
    owner = owner_of(Organisation.objects.get(slug="care-inspectorate-wales"))
    call_command("send_reminders")
    # CIW owns action 35 only.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Action 35" in mail.outbox[0].subject
    assert "/cy/staff/actions/2024-2027/35/update/" in mail.outbox[0].body
    call_command("send_reminders")
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_actions_with_an_update_this_quarter_get_no_reminder(client, real_plan):
    from actions.models import Action
    from actions.services import update_submit

    owner = owner_of(Organisation.objects.get(slug="care-inspectorate-wales"))
    action = Action.objects.get(number=35)
    from django.utils import timezone

    from actions.quarters import quarter_of

    update_submit(
        action=action,
        user=owner,
        data={
            "status": "on_track",
            "summary_en": "Drafted.",
            "quarter": quarter_of(timezone.localdate()).code,
        },
        base_version=action.version,
    )
    call_command("send_reminders")
    assert mail.outbox == []
