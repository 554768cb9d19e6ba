"""The group's records in the admin: every page opens for an Administrator, a frozen pack and
the email receipts are only read, and what a service decides cannot be changed there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from sig.models import Decision, DecisionNotice, Meeting, MeetingPack, NoticeEvent, Risk
from tests.factories import UserFactory
from tests.sig.conftest import record

pytestmark = pytest.mark.django_db

SIG_MODELS = (Meeting, MeetingPack, Decision, DecisionNotice, Risk)


@pytest.fixture
def administrator(client):
    user = UserFactory(username="sig-administrator", role="Administrator", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def records(meeting, people):
    decision = record(meeting, people["sig"], organisation=people["heiw"])
    DecisionNotice.objects.get_or_create(
        decision=decision, event=NoticeEvent.ASSIGNED, recipient="someone@example.org"
    )
    from sig import services

    risk = services.risk_save(
        user=people["sig"],
        data={
            "description_en": "Funding ends.",
            "likelihood": 3,
            "impact": 4,
            "owner": people["heiw"],
            "review_on": decision.due_on,
        },
        actions=[],
    )
    return {"meeting": meeting, "decision": decision, "risk": risk}


def _url(model, name, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)


def test_every_sig_model_is_in_the_admin():
    from django.apps import apps

    models = {
        m
        for m in apps.get_app_config("sig").get_models()
        if not m.__name__.startswith("Historical")
    }
    assert models == set(SIG_MODELS)
    assert all(model in admin.site._registry for model in SIG_MODELS)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_sig_admin_page_opens_for_an_administrator(client, administrator, records, language):
    prefix = "/cy" if language == "cy" else ""
    for model in SIG_MODELS:
        changelist = prefix + _url(model, "changelist").removeprefix("/cy")
        response = client.get(changelist, {"q": "a"})
        assert response.status_code == 200, changelist
        assert client.get(changelist).status_code == 200, changelist
        first = model.objects.first()
        assert first is not None, model
        change = prefix + _url(model, "change", first.pk).removeprefix("/cy")
        assert client.get(change).status_code == 200, change
    for model in (Meeting, Decision, Risk):
        history = _url(model, "history", model.objects.first().pk)
        assert client.get(history).status_code == 200, history


def test_a_frozen_pack_cannot_be_changed_added_or_deleted(client, administrator, records):
    pack = MeetingPack.objects.filter(meeting=records["meeting"]).first()
    assert pack is not None  # opening the meeting froze it
    html, sha = pack.html, pack.html_sha256
    page = client.get(_url(MeetingPack, "change", pack.pk)).content.decode()
    assert 'name="_save"' not in page
    response = client.post(
        _url(MeetingPack, "change", pack.pk),
        {"language": pack.language, "html": "<p>Changed</p>", "status": "failed"},
    )
    assert response.status_code == 403
    assert client.get(_url(MeetingPack, "add")).status_code == 403
    assert client.post(_url(MeetingPack, "delete", pack.pk), {"post": "yes"}).status_code == 403
    pack.refresh_from_db()
    assert (pack.html, pack.html_sha256) == (html, sha)


def test_decision_receipts_are_only_read(client, administrator, records):
    notice = DecisionNotice.objects.get()
    response = client.post(
        _url(DecisionNotice, "change", notice.pk), {"recipient": "else@example.org"}
    )
    assert response.status_code == 403
    notice.refresh_from_db()
    assert notice.recipient == "someone@example.org"


def test_a_decisions_state_and_meeting_stay_with_the_services(client, administrator, records):
    decision = records["decision"]
    page = client.get(_url(Decision, "change", decision.pk)).content.decode()
    for service_field in ("state", "drop_reason", "organisation", "is_public", "meeting"):
        assert f'name="{service_field}"' not in page, service_field
    assert client.get(_url(Decision, "add")).status_code == 403
    assert client.post(_url(Decision, "delete", decision.pk), {"post": "yes"}).status_code == 403

    before = decision.version
    response = client.post(
        _url(Decision, "change", decision.pk),
        {
            "wording_en": "Corrected wording.",
            "wording_cy": "Geiriad wedi'i gywiro.",
            "due_on": decision.due_on.isoformat(),
            "state": "done",
            "actions": [a.pk for a in decision.actions.all()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision.refresh_from_db()
    assert decision.wording_en == "Corrected wording."
    assert decision.state == "open"
    # A staff form opened before this save is now out of date.
    assert decision.version == before + 1
    assert decision.history.count() >= 2


def test_an_opened_meetings_date_and_approved_minutes_are_read_only(
    client, administrator, records, people
):
    from sig import services

    meeting = records["meeting"]
    meeting = services.minutes_save(
        meeting=meeting,
        user=people["editor"],
        minutes_en="Met.",
        minutes_cy="",
        base_version=meeting.version,
    )
    services.minutes_approve(meeting=meeting, user=people["sig"], base_version=meeting.version)
    page = client.get(_url(Meeting, "change", meeting.pk)).content.decode()
    for read_only in ("held_on", "chair", "minutes_en", "opened_at", "minutes_approved_at"):
        assert f'name="{read_only}' not in page, read_only
    assert 'name="agenda_en"' in page
    assert client.get(_url(Meeting, "add")).status_code == 403


def test_a_risk_can_be_corrected_and_its_score_history_kept(client, administrator, records):
    risk = records["risk"]
    response = client.post(
        _url(Risk, "change", risk.pk),
        {
            "description_en": "Funding ends in March.",
            "likelihood": "5",
            "impact": "4",
            "owner": risk.owner_id,
            "review_on": risk.review_on.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    risk.refresh_from_db()
    assert (risk.score, risk.version) == (20, 1)
    assert [h.likelihood for h in risk.history.order_by("history_id")] == [3, 5]
    assert client.post(_url(Risk, "delete", risk.pk), {"post": "yes"}).status_code == 403


def test_people_outside_the_administrators_cannot_open_them(client, people):
    client.force_login(people["sig"])
    response = client.get(_url(Decision, "changelist"))
    assert response.status_code in (302, 403)
