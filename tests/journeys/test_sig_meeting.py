"""Issue 17, "Done when": a SIG member opens a meeting, which freezes the pack, and records a
decision on action 12 assigned to HEIW, due in 30 days; the HEIW owner is emailed, sees it on
their start page and marks it done; once an Editor has written the minutes and the chair has
approved them, the public sees the decision on the action page and in /data/decisions.json.

In English and in Welsh, by links only from each person's start page (tests/journeys/browsing.py
checks every link on every page for one the person may not follow).
"""

import datetime
import json
import re

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from tests.celery_process import wait_for
from tests.factories import OrganisationFactory, UserFactory, owner_of
from tests.journeys.browsing import Person, pattern
from tests.journeys.waiting import reload_until

LANGUAGES = ["en", "cy"]
WORDING = {
    "en": "Report on widening access to careers in social care at the next meeting.",
    "cy": "Adrodd ar ehangu mynediad at yrfaoedd ym maes gofal cymdeithasol yn y cyfarfod nesaf.",
}


@pytest.fixture
def people(site):
    heiw = OrganisationFactory(slug="heiw")  # the plan's own organisation, loaded by `site`
    return {
        "sig": UserFactory(username="meeting-chair", role="SIG member"),
        "editor": UserFactory(username="meeting-editor", role="Editor"),
        "owner": owner_of(heiw, username="meeting-heiw-owner"),
        "heiw": heiw,
    }


def _fill_date(person: Person, name: str, date: datetime.date) -> None:
    for part, value in enumerate((date.day, date.month, date.year)):
        person.page.fill(f"#id_{name}_{part}", str(value))


def _notification(person: Person, message: str) -> None:
    expect(person.page.locator(".app-notification")).to_contain_text(message)


def _get(person: Person, href: str):
    return person.context.request.get(href if href.startswith("http") else person.site + href)


def sig_opens_a_meeting(sig: Person, username: str) -> None:
    today = timezone.localdate()
    sig.arrive()
    sig.sign_in(username)
    expect(sig.page.locator("main h1")).to_have_text(
        sig.t("Strategic implementation group dashboard")
    )
    sig.follow(sig.t("Meetings"), within="header")
    _fill_date(sig, "held_on", today)
    sig.page.fill("#id_agenda_en", "Exceptions\nDecisions")
    sig.submit(sig.t("Add the meeting"))
    _notification(sig, sig.t("Meeting added."))
    sig.submit(sig.t("Open the meeting and freeze the pack"))
    _notification(sig, sig.t("The meeting is open and its pack is frozen."))
    # The session's real worker builds both PDFs from the frozen pack (tests/a11y/conftest.py);
    # the meeting's page lists each as building until it is ready, then they download.
    for language in ("English", "Welsh"):
        pdf = sig.link(sig.t("PDF in %(language)s", language=sig.t(language)))
        reload_until(pdf, what=f"the meeting pack's PDF in {language} to be built")
        response = _get(sig, pdf.get_attribute("href"))
        assert response.status == 200 and response.body().startswith(b"%PDF")
    sig.follow(sig.t("Read the frozen pack"))
    expect(sig.page.locator("main h1")).to_have_text(
        sig.t("Meeting pack for the strategic implementation group")
    )
    expect(sig.page.locator("main")).to_contain_text(sig.t("Exceptions"))
    sig.follow(sig.t("Back to the meeting"))


def sig_records_a_decision(sig: Person, organisation) -> None:
    due = timezone.localdate() + datetime.timedelta(days=30)
    sig.follow(sig.t("Record a decision"))
    sig.page.fill("#id_wording_en", WORDING["en"])
    sig.page.fill("#id_wording_cy", WORDING["cy"])
    sig.page.fill("#id_action_numbers", "12")
    sig.page.select_option("#id_organisation", value=str(organisation.pk))
    _fill_date(sig, "due_on", due)
    sig.submit(sig.t("Save the decision"))
    _notification(sig, sig.t("Decision recorded. The organisation has been told."))
    decisions = sig.page.locator("main .app-card")
    expect(decisions).to_contain_text(WORDING[sig.language])
    expect(decisions).to_contain_text(_date(due, sig.language))


def _date(date: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(date, "j F Y")


def owner_marks_it_done(owner: Person, username: str) -> None:
    owner.arrive()
    owner.sign_in(username)
    expect(owner.page.locator("main h1")).to_have_text(owner.t("Your actions"))
    section = owner.page.locator("main .app-card")
    expect(section).to_contain_text(WORDING[owner.language])
    expect(section).to_contain_text(owner.t("Open"))
    owner.follow(pattern(owner.language, "Open decision %(number)s", number=r"\d+"))
    owner.submit(owner.t("Mark this decision done"))
    _notification(owner, owner.t("Decision marked done."))
    expect(owner.page.locator("main h1")).to_have_text(owner.t("Your actions"))
    expect(owner.page.locator("main")).not_to_contain_text(WORDING[owner.language])


def editor_writes_the_minutes(editor: Person, username: str) -> None:
    editor.arrive()
    editor.sign_in(username)
    editor.follow(editor.t("Meetings"), within="header")
    editor.follow(re.compile(re.escape(editor.t("Meeting on {date}").split("{")[0])))
    editor.page.fill("#id_minutes_en", "The group reviewed the exceptions and made one decision.")
    editor.page.fill("#id_minutes_cy", "Adolygodd y grŵp yr eithriadau a gwnaeth un penderfyniad.")
    editor.submit(editor.t("Save the minutes"))
    _notification(editor, editor.t("Minutes saved."))


def chair_approves_the_minutes(sig: Person) -> None:
    sig.follow(sig.t("Meetings"), within="header")
    sig.follow(re.compile(re.escape(sig.t("Meeting on {date}").split("{")[0])))
    sig.submit(sig.t("Approve the minutes"))
    _notification(sig, sig.t("Minutes approved."))


def public_sees_the_decision(public: Person) -> None:
    public.arrive()
    public.follow(public.t("Actions"), within="header")
    row = public.page.locator("main table tbody tr").filter(
        has=public.page.locator("td:first-child", has_text=re.compile(r"^\s*12\s*$"))
    )
    public.click(row.get_by_role("link"))
    expect(public.page.locator("main h1")).to_have_text(public.t("Action %(number)s", number=12))
    decisions = public.page.locator("main .app-card")
    expect(decisions).to_contain_text(WORDING[public.language])
    expect(decisions).to_contain_text(public.t("Done"))
    public.follow(public.t("All published decisions of the group"))
    expect(public.page.locator("main")).to_contain_text(WORDING[public.language])
    data = public.link(public.t("Open data: decisions (JSON)"))
    response = _get(public, data.get_attribute("href"))
    assert response.status == 200
    records = json.loads(response.body())["decisions"]
    assert [(r["wording"], r["actions"], r["state"], r["due_date"]) for r in records] == [
        (
            WORDING["en"],
            [{"plan": "2024-2027", "number": 12}],
            "done",
            (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        )
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sig_meeting_decision_owner_done_public_sees_it(
    site, new_context, people, language, job_worker
):
    sig, owner, editor, public = (Person(new_context(), site, language) for _ in range(4))
    mail.outbox.clear()

    sig_opens_a_meeting(sig, people["sig"].username)
    sig_records_a_decision(sig, people["heiw"])

    # The HEIW owner is emailed by the worker's job, with a link to the decision's page.
    assert wait_for(job_worker.outbox, timeout=60), "The worker sent no email about the decision."
    emails = job_worker.outbox()
    assert [m["to"] for m in emails] == [[people["owner"].email]]
    assert re.search(r"/staff/decisions/\d+/", emails[0]["body"])
    assert mail.outbox == []  # sent by the worker, not by the web request

    owner_marks_it_done(owner, people["owner"].username)
    editor_writes_the_minutes(editor, people["editor"].username)
    chair_approves_the_minutes(sig)
    public_sees_the_decision(public)
