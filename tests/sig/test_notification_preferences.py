"""Decision emails follow each person's choice: straight away, in the weekly summary, or none;
in their language, or both."""

import pytest
from django.core import mail

from actions.models import Organisation
from core.email_preferences import email_preference_set
from core.models import Delivery, Notice
from core.notices import digest_send
from sig.models import DecisionNotice, NoticeEvent
from sig.notifications import decision_notify
from tests.factories import owner_of
from tests.sig.conftest import record

pytestmark = pytest.mark.django_db


def _choose(user, frequency="immediate", language=""):
    email_preference_set(user=user, actor=user, frequency=frequency, language=language)


def test_each_member_is_told_as_they_chose(meeting, people):
    heiw = people["heiw"]
    english, weekly, silent = (owner_of(heiw) for _ in range(3))
    _choose(english, "immediate", "en")
    _choose(weekly, "weekly", "cy")
    _choose(silent, "none")
    mail.outbox.clear()
    decision = record(meeting, people["sig"], organisation=heiw)
    # Sent by hand: in a test the transaction never commits, so nothing was queued.
    assert decision_notify(decision_id=decision.pk, event=NoticeEvent.ASSIGNED) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    # The default person (the HEIW owner of the fixture) gets both languages, Welsh first.
    both = by_person[people["owner"].email]
    assert both.body.index("Adrodd ar ehangu") < both.body.index("Report on widening access")
    only_english = by_person[english.email]
    assert "Report on widening access" in only_english.body
    assert "Adrodd ar ehangu" not in only_english.body
    assert "/cy/staff/decisions/" not in only_english.body
    assert f"/staff/decisions/{decision.pk}/" in only_english.alternatives[0][0]
    assert weekly.email not in by_person and silent.email not in by_person

    # Each person's event is recorded once, whatever their choice; a rerun sends nothing.
    assert DecisionNotice.objects.filter(decision=decision).count() == 4
    assert decision_notify(decision_id=decision.pk, event=NoticeEvent.ASSIGNED) == 0
    assert Notice.objects.get(recipient=silent).delivery == Delivery.SKIPPED

    # The weekly person reads it in Welsh in Monday's summary.
    mail.outbox.clear()
    assert digest_send() == 1
    summary = mail.outbox[0]
    assert summary.to == [weekly.email]
    assert "Adrodd ar ehangu" in summary.body
    assert "Report on widening access" not in summary.body
    assert f"/cy/staff/decisions/{decision.pk}/" in summary.body


def test_the_daily_job_follows_the_choices_too(meeting, people):
    from sig.tasks import meetings_daily_task

    _choose(people["owner"], "none")
    record(meeting, people["sig"], organisation=people["heiw"], days=-1)
    mail.outbox.clear()
    assert meetings_daily_task() == 0
    assert mail.outbox == []
    welsh_government = Organisation.objects.get(slug="welsh-government")
    assert not Notice.objects.filter(recipient__membership__organisation=welsh_government)
