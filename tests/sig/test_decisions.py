"""Decisions: the owner is emailed once after commit, marks it done; the public reads it on the
action page and in the open data once the minutes are approved, never an internal one."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.errors import EditConflict, NotAllowed
from sig import services
from sig.models import DecisionNotice, DecisionState, NoticeEvent
from sig.notifications import decision_notify
from tests.sig.conftest import record

pytestmark = pytest.mark.django_db


def _approve_minutes(meeting, people):
    meeting.refresh_from_db()
    meeting = services.minutes_save(
        meeting=meeting,
        user=people["editor"],
        minutes_en="The group met.",
        minutes_cy="Cyfarfu'r grŵp.",
        base_version=meeting.version,
    )
    return services.minutes_approve(
        meeting=meeting, user=people["sig"], base_version=meeting.version
    )


def test_the_organisations_owners_are_emailed_once_after_commit(
    meeting, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = record(meeting, people["sig"], organisation=people["heiw"])
        assert mail.outbox == []  # nothing goes before the decision is committed
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[people["owner"].email]]
    message = mail.outbox[0]
    assert f"/cy/staff/decisions/{decision.pk}/" in message.body
    assert f"/staff/decisions/{decision.pk}/" in message.body
    assert "Report on widening access to careers" in message.body
    assert "Adrodd ar ehangu mynediad" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f"/staff/decisions/{decision.pk}/" in html
    # Delivered again (a retried task): no second email.
    assert decision_notify(decision_id=decision.pk, event=NoticeEvent.ASSIGNED) == 0
    assert len(mail.outbox) == 1
    assert DecisionNotice.objects.filter(decision=decision).count() == 1


def test_a_decision_needs_an_open_meeting(people):
    from django.utils import timezone

    unopened = services.meeting_create(
        user=people["sig"], held_on=timezone.localdate(), chair=people["sig"]
    )
    with pytest.raises(ValidationError):
        record(unopened, people["sig"], organisation=people["heiw"])


def test_only_the_assigned_organisation_or_an_editor_marks_it_done(meeting, people):
    decision = record(meeting, people["sig"], organisation=people["heiw"])
    for person in ("other_owner", "sig"):
        with pytest.raises(NotAllowed):
            services.decision_mark_done(
                decision=decision, user=people[person], base_version=decision.version
            )
    done = services.decision_mark_done(
        decision=decision, user=people["owner"], base_version=decision.version
    )
    assert done.state == DecisionState.DONE and done.closed_by == people["owner"]
    with pytest.raises(EditConflict):
        services.decision_mark_done(decision=done, user=people["owner"], base_version=0)


def test_dropping_needs_a_reason(meeting, people):
    decision = record(meeting, people["sig"], organisation=people["heiw"])
    with pytest.raises(ValidationError) as refused:
        services.decision_drop(
            decision=decision, user=people["sig"], reason=" ", base_version=decision.version
        )
    assert "drop_reason" in refused.value.message_dict


def test_the_owner_sees_it_on_their_start_page_and_marks_it_done(client, meeting, people):
    decision = record(meeting, people["sig"], organisation=people["heiw"])
    client.force_login(people["owner"])
    start = client.get("/staff/").content.decode()
    assert "Report on widening access to careers" in start
    assert f"/staff/decisions/{decision.pk}/" in start
    page = client.get(f"/staff/decisions/{decision.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/staff/decisions/{decision.pk}/done/", {"base_version": decision.version}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.DONE
    assert "Report on widening access" not in client.get("/staff/").content.decode()


def test_another_organisations_owner_cannot_read_an_unpublished_decision(client, meeting, people):
    decision = record(meeting, people["sig"], organisation=people["heiw"])
    client.force_login(people["other_owner"])
    assert client.get(f"/staff/decisions/{decision.pk}/").status_code == 404
    response = client.post(
        f"/staff/decisions/{decision.pk}/done/", {"base_version": decision.version}
    )
    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.state == DecisionState.OPEN


def _public(client):
    client.logout()
    page = client.get("/actions/2024-2027/12/").content.decode()
    data = json.loads(client.get("/data/decisions.json").content)
    listing = client.get("/cy/decisions/").content.decode()
    return page, data, listing


def test_the_public_sees_public_decisions_once_the_minutes_are_approved(client, meeting, people):
    public = record(meeting, people["sig"], organisation=people["heiw"])
    internal = record(meeting, people["sig"], organisation=people["heiw"], is_public=False)
    internal.wording_en = "An internal matter."
    internal.save()

    page, data, listing = _public(client)
    assert "Report on widening access" not in page
    assert data["count"] == 0

    _approve_minutes(meeting, people)
    page, data, listing = _public(client)
    assert "Report on widening access" in page
    assert "An internal matter." not in page
    assert data["count"] == 1
    (only,) = data["decisions"]
    assert only["id"] == public.pk
    assert only["actions"] == [{"plan": "2024-2027", "number": 12}]
    assert only["state"] == "open" and only["due_date"] == public.due_on.isoformat()
    assert only["date"] == meeting.held_on.isoformat()
    assert "Adrodd ar ehangu mynediad" in listing
    assert internal.pk not in [d["id"] for d in data["decisions"]]


def test_staff_see_internal_decisions_on_the_action_page(client, meeting, people):
    record(meeting, people["sig"], organisation=people["heiw"], is_public=False)
    client.force_login(people["sig"])
    assert "Report on widening access" in client.get("/actions/2024-2027/12/").content.decode()


def test_a_bad_action_number_is_named_on_the_form(client, meeting, people):
    client.force_login(people["sig"])
    response = client.post(
        f"/staff/meetings/{meeting.pk}/decisions/new/",
        {
            "wording_en": "Do it.",
            "action_numbers": "12, 99",
            "organisation": people["heiw"].pk,
            "due_on_day": "1",
            "due_on_month": "1",
            "due_on_year": "2030",
            "is_public": "yes",
        },
    )
    assert response.status_code == 400
    assert "The plan has no action numbered 99" in response.content.decode()


def test_open_decisions_past_their_due_date_join_the_dashboards_exceptions(client, meeting, people):
    late = record(meeting, people["sig"], organisation=people["heiw"], days=-1)
    done = record(meeting, people["sig"], organisation=people["heiw"], days=-2)
    services.decision_mark_done(decision=done, user=people["owner"], base_version=done.version)
    record(meeting, people["sig"], organisation=people["heiw"], days=5)
    client.force_login(people["sig"])
    body = client.get("/staff/dashboard/").content.decode()
    section = body[body.index('id="overdue-decisions"') :]
    section = section[: section.index("</ul>")]
    assert f"/staff/decisions/{late.pk}/" in section
    assert f"/staff/decisions/{done.pk}/" not in section
    assert section.count("/staff/decisions/") == 1


def test_changed_since_on_the_dashboard_starts_at_the_previous_meeting(client, people):
    import datetime

    from django.utils import timezone

    earlier = timezone.localdate() - datetime.timedelta(days=40)
    services.meeting_create(user=people["sig"], held_on=earlier, chair=people["sig"])
    client.force_login(people["sig"])
    response = client.get("/staff/dashboard/")
    assert response.context["since"] == earlier


def test_the_daily_job_tells_each_organisation_once_when_a_decision_is_overdue(meeting, people):
    from sig.tasks import meetings_daily_task

    late = record(meeting, people["sig"], organisation=people["heiw"], days=-1)
    mail.outbox.clear()
    # The assignment email was never queued in this test (no commit): the job catches up.
    assert meetings_daily_task() == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("is overdue" in s for s in subjects)
    assert any("is assigned to your organisation" in s for s in subjects)
    assert meetings_daily_task() == 0
    assert DecisionNotice.objects.filter(decision=late).count() == 2


def test_minutes_reach_the_public_only_once_approved_and_published(client, meeting, people):
    meeting = _approve_minutes(meeting, people)
    assert "The group met." not in client.get("/decisions/").content.decode()
    with pytest.raises(NotAllowed):
        services.minutes_publish(meeting=meeting, user=people["sig"], base_version=meeting.version)
    services.minutes_publish(meeting=meeting, user=people["editor"], base_version=meeting.version)
    assert "The group met." in client.get("/decisions/").content.decode()
    assert "Cyfarfu" in client.get("/cy/decisions/").content.decode()


def test_decisions_and_meetings_appear_in_the_audit_trail(client, meeting, people):
    decision = record(meeting, people["sig"], organisation=people["heiw"])
    client.force_login(people["editor"])
    body = client.get("/staff/audit/").content.decode()
    assert str(decision) in body
    assert str(meeting) in body
