"""A meeting freezes its pack when it opens; "changed since" starts at the previous meeting."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import Action
from actions.quarters import quarter_of
from actions.services import update_submit
from core.errors import EditConflict, NotAllowed
from sig import services
from sig.models import MeetingPack, PackStatus
from sig.selectors import changes_since_default

pytestmark = pytest.mark.django_db


def _approve(editor, number: int, status: str, reason: str = ""):
    action = Action.objects.get(plan__slug="2024-2027", number=number)
    update_submit(
        action=action,
        user=editor,
        data={
            "status": status,
            "status_reason": reason,
            "summary_en": f"Update on {number}.",
            "quarter": quarter_of(timezone.localdate()).code,
        },
        base_version=action.version,
        approve=True,
    )


def test_opening_freezes_the_pack_in_both_languages_and_builds_its_pdfs(meeting):
    packs = {pack.language: pack for pack in MeetingPack.objects.filter(meeting=meeting)}
    assert set(packs) == {"en", "cy"}
    for pack in packs.values():
        assert pack.status == PackStatus.READY, pack.failure_reason
        assert pack.html_sha256 == hashlib.sha256(pack.html.encode()).hexdigest()
        assert pack.pdf_sha256
    assert "Exceptions" in packs["en"].html
    assert "Eithriadau" in packs["cy"].html  # the Welsh pack is rendered in Welsh


def test_the_frozen_pack_does_not_change_when_the_plan_moves_on(client, meeting, people):
    before = {p.language: p.html for p in MeetingPack.objects.filter(meeting=meeting)}
    _approve(people["editor"], 3, "significant_delays", "Funding paused.")
    client.force_login(people["sig"])
    live = client.get("/staff/dashboard/meeting-pack/").content.decode()
    frozen = client.get(f"/staff/meetings/{meeting.pk}/pack/").content.decode()
    assert "Funding paused" not in frozen
    after = {p.language: p.html for p in MeetingPack.objects.filter(meeting=meeting)}
    assert after == before
    # The live pack does show the new delay, so the check above can fail.
    assert live.count("/actions/2024-2027/3/") > frozen.count("/actions/2024-2027/3/")


def test_a_meeting_opens_once(meeting, people):
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        services.meeting_open(meeting=meeting, user=people["sig"], base_version=meeting.version)
    assert MeetingPack.objects.filter(meeting=meeting).count() == 2


def test_a_page_opened_before_someone_else_changed_the_meeting_is_refused(meeting, people):
    stale = meeting.version - 1
    with pytest.raises(EditConflict):
        services.minutes_save(
            meeting=meeting,
            user=people["editor"],
            minutes_en="Minutes.",
            minutes_cy="",
            base_version=stale,
        )


def test_owners_cannot_hold_meetings(people):
    with pytest.raises(NotAllowed):
        services.meeting_create(
            user=people["owner"], held_on=timezone.localdate(), chair=people["sig"]
        )


def test_changes_since_defaults_to_the_previous_meeting(people):
    today = timezone.localdate()
    assert changes_since_default(before=today) == today - datetime.timedelta(days=90)
    earlier = today - datetime.timedelta(days=40)
    services.meeting_create(user=people["sig"], held_on=earlier, chair=people["sig"])
    assert changes_since_default(before=today) == earlier


def test_the_chair_alone_approves_minutes_an_editor_wrote(meeting, people):
    meeting = services.minutes_save(
        meeting=meeting,
        user=people["editor"],
        minutes_en="The group met.",
        minutes_cy="Cyfarfu'r grŵp.",
        base_version=meeting.version,
    )
    with pytest.raises(NotAllowed):
        services.minutes_approve(
            meeting=meeting, user=people["editor"], base_version=meeting.version
        )
    meeting = services.minutes_approve(
        meeting=meeting, user=people["sig"], base_version=meeting.version
    )
    assert meeting.minutes_approved
    with pytest.raises(ValidationError):
        services.minutes_save(
            meeting=meeting,
            user=people["editor"],
            minutes_en="Changed.",
            minutes_cy="",
            base_version=meeting.version,
        )
