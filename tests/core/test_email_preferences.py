"""Each person's email choice, the notices sent as they chose, the weekly summary, and the
"Your email settings" page."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.email_preferences import email_choice, email_preference_set
from core.errors import NotAllowed
from core.models import Delivery, EmailPreference, Notice
from core.notices import ALREADY, QUEUED, SENT, SKIPPED, Message, digest_send, notice_deliver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/account/email-settings/"


def _choose(user, frequency="immediate", language=""):
    return email_preference_set(user=user, actor=user, frequency=frequency, language=language)


def _render(language: str) -> Message:
    words = {"cy": "Neges brawf", "en": "Test message"}[language]
    return Message(subject=words, text=f"{words}.", html=f"<p>{words}.</p>")


# The choice ---------------------------------------------------------------------------------


def test_no_choice_means_each_email_straight_away_in_welsh_then_english():
    choice = email_choice(UserFactory())
    assert choice.frequency == "immediate"
    assert choice.languages == ("cy", "en")


def test_a_person_sets_their_own_choice_and_it_is_in_the_history():
    person = UserFactory()
    _choose(person, "weekly", "en")
    _choose(person, "none", "cy")
    choice = email_choice(person)
    assert (choice.frequency, choice.languages) == ("none", ("cy",))
    assert EmailPreference.history.filter(user=person).count() == 2


def test_no_one_sets_another_persons_choice():
    person, other = UserFactory(), UserFactory()
    with pytest.raises(NotAllowed):
        email_preference_set(user=person, actor=other, frequency="none", language="")
    assert not EmailPreference.objects.filter(user=person).exists()


def test_an_unknown_frequency_is_refused_naming_the_field():
    from django.core.exceptions import ValidationError

    person = UserFactory()
    with pytest.raises(ValidationError) as error:
        _choose(person, "hourly")
    assert "frequency" in error.value.message_dict


# Delivering one notice ----------------------------------------------------------------------


def test_a_notice_goes_once_in_both_languages_welsh_first_with_text_and_html():
    person = UserFactory()
    assert notice_deliver(key="test:1", user=person, render=_render) == SENT
    assert notice_deliver(key="test:1", user=person, render=_render) == ALREADY
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Neges brawf / Test message"
    assert message.body.index("Neges brawf") < message.body.index("Test message")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<div lang="cy"><p>Neges brawf.</p></div>' in html
    assert '<div lang="en"><p>Test message.</p></div>' in html


@pytest.mark.parametrize(
    ("language", "kept", "left_out"), [("en", "Test", "Neges"), ("cy", "Neges", "Test")]
)
def test_a_chosen_language_is_the_only_one(language, kept, left_out):
    person = UserFactory()
    _choose(person, "immediate", language)
    notice_deliver(key="test:2", user=person, render=_render)
    message = mail.outbox[0]
    assert kept in message.subject and left_out not in message.subject
    assert left_out not in message.body
    assert f'<html lang="{language}">' in message.alternatives[0][0]


def test_weekly_keeps_the_notice_and_none_sends_nothing():
    weekly, silent = UserFactory(), UserFactory()
    _choose(weekly, "weekly")
    _choose(silent, "none")
    assert notice_deliver(key="test:3", user=weekly, render=_render) == QUEUED
    assert notice_deliver(key="test:3", user=silent, render=_render) == SKIPPED
    assert mail.outbox == []
    assert Notice.objects.get(recipient=weekly).delivery == Delivery.DIGEST
    assert Notice.objects.get(recipient=silent).delivery == Delivery.SKIPPED
    # Told once: the same event later finds its claim.
    assert notice_deliver(key="test:3", user=silent, render=_render) == ALREADY


def test_a_mail_server_failure_leaves_the_notice_unclaimed_for_the_next_run(monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    person = UserFactory()

    def unreachable(self, *args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", unreachable)
        with pytest.raises(OSError):
            notice_deliver(key="test:5", user=person, render=_render)
    assert not Notice.objects.exists()
    assert notice_deliver(key="test:5", user=person, render=_render) == SENT
    assert len(mail.outbox) == 1


def test_a_person_without_an_address_is_not_emailed():
    person = UserFactory(email="")
    assert notice_deliver(key="test:4", user=person, render=_render) == SKIPPED
    assert mail.outbox == [] and not Notice.objects.exists()


# The weekly summary -------------------------------------------------------------------------


def _render_numbered(number):
    def render(language):
        return Message(
            subject=f"Item {number} {language}", text=f"Body {number}.", html=f"<p>{number}</p>"
        )

    return render


def test_the_weekly_summary_groups_the_weeks_notices_in_one_email_sent_once():
    weekly, other_weekly, immediate = UserFactory(), UserFactory(), UserFactory()
    _choose(weekly, "weekly", "en")
    _choose(other_weekly, "weekly")
    for number in (1, 2, 3):
        notice_deliver(key=f"item:{number}", user=weekly, render=_render_numbered(number))
    notice_deliver(key="item:1", user=other_weekly, render=_render_numbered(1))
    notice_deliver(key="item:1", user=immediate, render=_render_numbered(1))
    mail.outbox.clear()

    assert digest_send() == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {weekly.email, other_weekly.email}
    summary = by_person[weekly.email]
    assert "3 items" in summary.subject and " / " not in summary.subject
    assert '<div lang="cy">' not in summary.alternatives[0][0]
    for number in (1, 2, 3):
        assert f"Item {number} en" in summary.body
        assert f"<p>{number}</p>" in summary.alternatives[0][0]
    assert "/account/email-settings/" in summary.body
    # Bilingual by default: the other person's summary is in Welsh first, then English.
    both = by_person[other_weekly.email]
    html = both.alternatives[0][0]
    assert " / " in both.subject
    assert html.index('<div lang="cy">') < html.index('<div lang="en">')
    assert not Notice.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True).exists()

    # Run again (a retried beat job): nothing new goes.
    assert digest_send() == 0
    assert len(mail.outbox) == 2


def test_a_later_notice_goes_in_the_next_summary_and_none_stops_the_kept_ones():
    person = UserFactory()
    _choose(person, "weekly", "en")
    notice_deliver(key="week:1", user=person, render=_render_numbered(1))
    digest_send()
    notice_deliver(key="week:2", user=person, render=_render_numbered(2))
    digest_send(now=timezone.now() + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert "Item 1" not in mail.outbox[1].body and "Item 2 en" in mail.outbox[1].body

    notice_deliver(key="week:3", user=person, render=_render_numbered(3))
    _choose(person, "none", "en")
    assert digest_send() == 0
    assert len(mail.outbox) == 2
    assert Notice.objects.get(key="week:3").delivery == Delivery.SKIPPED


def test_the_beat_schedule_runs_the_weekly_summary():
    from django.conf import settings

    from core.tasks import notices_digest_task

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert notices_digest_task.name in entries


# The page -----------------------------------------------------------------------------------


def test_the_page_asks_anonymous_people_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    response = client.post(URL, {"frequency": "none", "language": "en"})
    assert response.status_code == 302 and not EmailPreference.objects.exists()


def test_the_page_shows_the_default_and_saves_the_persons_own_choice(client):
    person = UserFactory(role="Action owner")
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert "Your email settings" in page
    assert _checked(page, "frequency", "immediate")
    assert _checked(page, "language", "both")

    response = client.post(URL, {"frequency": "weekly", "language": "cy"})
    assert response.status_code == 302
    choice = email_choice(person)
    assert (choice.frequency, choice.languages) == ("weekly", ("cy",))
    page = client.get(URL).content.decode()
    assert _checked(page, "frequency", "weekly") and _checked(page, "language", "cy")
    assert "Your email settings are saved." in page


def _checked(page: str, name: str, value: str) -> bool:
    import re

    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return "checked" in tag
    raise AssertionError(f"no {name}={value} radio")


def test_each_person_changes_only_their_own(client):
    person, other = UserFactory(role="Editor"), UserFactory(role="Editor")
    _choose(other, "immediate", "en")
    client.force_login(person)
    client.post(URL, {"frequency": "none", "language": "en", "user": other.pk})
    assert email_choice(other).frequency == "immediate"
    assert email_choice(person).frequency == "none"


def test_a_bad_answer_is_named_beside_its_field_and_nothing_is_saved(client):
    person = UserFactory(role="SIG member")
    client.force_login(person)
    response = client.post(URL, {"frequency": "hourly"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select one of the options shown" in page
    assert "Select the language of your emails" in page
    assert not EmailPreference.objects.filter(user=person).exists()


def test_the_welsh_page_and_the_links_to_it(client):
    person = UserFactory(role="Action owner", email="")
    client.force_login(person)
    welsh = client.get("/cy" + URL)
    assert welsh.status_code == 200
    assert '<html lang="cy">' in welsh.content.decode()
    assert "no email address" in client.get(URL).content.decode()
    # The header's account area and the start page both link to it.
    start = client.get("/staff/").content.decode()
    assert start.count(f'href="{URL}"') == 2
    assert f'href="/cy{URL}"' in client.get("/cy/staff/").content.decode()
    client.logout()
    assert URL not in client.get("/").content.decode()
