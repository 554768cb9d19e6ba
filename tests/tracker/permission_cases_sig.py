"""The permission matrix's cases for the strategic implementation group's views: meetings,
decisions, risks and organisations (tests/tracker/test_permissions.py runs them)."""

from django.utils import timezone

from actions.models import Organisation

ROLES = ["anonymous", "owner", "other_owner", "sig", "editor", "administrator"]


def _meetings(people) -> dict:
    """An open meeting chaired by the SIG member, with a frozen pack and a decision assigned
    to HEIW (the owner's organisation), and a meeting not opened yet."""
    from sig.models import Decision, Meeting, MeetingPack, Risk

    today = timezone.localdate()
    sig = people["sig"]
    meeting = Meeting.objects.create(
        held_on=today, chair=sig, created_by=sig, opened_at=timezone.now(), opened_by=sig
    )
    MeetingPack.objects.create(
        meeting=meeting,
        language="en",
        html="<p>Frozen.</p>",
        html_sha256="0",
        frozen_at=timezone.now(),
    )
    decision = Decision.objects.create(
        meeting=meeting,
        wording_en="Report back.",
        organisation=Organisation.objects.get(slug="heiw"),
        due_on=today,
        created_by=sig,
    )
    unopened = Meeting.objects.create(held_on=today, chair=sig, created_by=sig)
    risk = Risk.objects.create(
        description_en="A risk.",
        likelihood=2,
        impact=2,
        owner=decision.organisation,
        review_on=today,
    )
    return {"meeting": meeting, "decision": decision, "unopened": unopened, "risk": risk}


def _risk_form(w) -> dict:
    return {
        "description_en": "A matrix risk.",
        "likelihood": "3",
        "impact": "4",
        "owner": w["decision"].organisation_id,
        "review_on_day": "1",
        "review_on_month": "1",
        "review_on_year": "2030",
    }


def _meeting_form(w) -> dict:
    today = timezone.localdate()
    return {
        "held_on_day": today.day,
        "held_on_month": today.month,
        "held_on_year": today.year,
        "chair": w["people"]["sig"].pk,
    }


def _decision_form(w) -> dict:
    return {
        "wording_en": "A matrix decision.",
        "action_numbers": "20",
        "organisation": w["decision"].organisation_id,
        "due_on_day": "1",
        "due_on_month": "1",
        "due_on_year": "2030",
        "is_public": "yes",
    }


# (name, method, url builder, data builder, expected status per role)
SIG_CASES = [
    (
        "meetings",
        "get",
        lambda w: "/staff/meetings/",
        None,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "add a meeting",
        "post",
        lambda w: "/staff/meetings/",
        _meeting_form,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "meeting page",
        "get",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/",
        None,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "open a meeting",
        "post",
        lambda w: f"/staff/meetings/{w['unopened'].pk}/open/",
        lambda w: {"base_version": 0},
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "frozen pack",
        "get",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/pack/",
        None,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "decision form",
        "get",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/decisions/new/",
        None,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "record a decision",
        "post",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/decisions/new/",
        _decision_form,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "drop a decision",
        "post",
        lambda w: f"/staff/decisions/{w['decision'].pk}/drop/",
        lambda w: {"base_version": 0, "drop_reason": "Overtaken."},
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "write the minutes",
        "post",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/minutes/",
        lambda w: {"base_version": 0, "minutes_en": "Met."},
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 403,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "approve the minutes",
        "post",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/minutes/approve/",
        lambda w: {"base_version": 0},
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 403,
            "administrator": 403,
        },
    ),
    (
        "publish the minutes",
        "post",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/minutes/publish/",
        lambda w: {"base_version": 0},
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 403,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "decision page",
        "get",
        lambda w: f"/staff/decisions/{w['decision'].pk}/",
        None,
        # Another organisation's owner may not know an unpublished decision exists.
        {
            "anonymous": 302,
            "owner": 200,
            "other_owner": 404,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "mark a decision done",
        "post",
        lambda w: f"/staff/decisions/{w['decision'].pk}/done/",
        lambda w: {"base_version": 0},
        {
            "anonymous": 302,
            "owner": 302,
            "other_owner": 404,
            "sig": 403,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "published decisions",
        "get",
        lambda w: "/decisions/",
        None,
        {role: 200 for role in ROLES},
    ),
    (
        "decisions open data",
        "get",
        lambda w: "/data/decisions.json",
        None,
        {role: 200 for role in ROLES},
    ),
    (
        "risk register",
        "get",
        lambda w: "/staff/risks/",
        None,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "add a risk",
        "post",
        lambda w: "/staff/risks/",
        _risk_form,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "risk page",
        "get",
        lambda w: f"/staff/risks/{w['risk'].pk}/",
        None,
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        "change a risk",
        "post",
        lambda w: f"/staff/risks/{w['risk'].pk}/",
        lambda w: {**_risk_form(w), "base_version": 0},
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "organisations",
        "get",
        lambda w: "/organisations/",
        None,
        {role: 200 for role in ROLES},
    ),
    (
        "an organisation's page",
        "get",
        lambda w: "/organisations/heiw/",
        None,
        {role: 200 for role in ROLES},
    ),
    (
        "action page with decisions",
        "get",
        lambda w: "/actions/2024-2027/20/",
        None,
        {role: 200 for role in ROLES},
    ),
    (
        "record a decision about a theme and an indicator",
        "post",
        lambda w: f"/staff/meetings/{w['meeting'].pk}/decisions/new/",
        lambda w: {
            **_decision_form(w),
            "themes": [w["indicator"].theme_id],
            "indicators": [w["indicator"].pk],
        },
        {
            "anonymous": 302,
            "owner": 403,
            "other_owner": 403,
            "sig": 302,
            "editor": 302,
            "administrator": 302,
        },
    ),
    (
        "theme page with decisions",
        "get",
        lambda w: "/themes/1/",
        None,
        {role: 200 for role in ROLES},
    ),
    (
        "indicator page with decisions",
        "get",
        lambda w: f"/indicators/{w['indicator'].pk}/",
        None,
        {role: 200 for role in ROLES},
    ),
    # The group's records in the admin (sig/admin.py): Administrators only.
    (
        "admin list of decisions",
        "get",
        lambda w: "/admin/sig/decision/",
        None,
        {
            "anonymous": 302,
            "owner": 302,
            "other_owner": 302,
            "sig": 403,
            "editor": 403,
            "administrator": 200,
        },
    ),
    (
        "admin list of risks",
        "get",
        lambda w: "/admin/sig/risk/",
        None,
        {
            "anonymous": 302,
            "owner": 302,
            "other_owner": 302,
            "sig": 403,
            "editor": 403,
            "administrator": 200,
        },
    ),
    (
        "admin change of a frozen pack",
        "post",
        lambda w: f"/admin/sig/meetingpack/{w['meeting'].packs.get().pk}/change/",
        lambda w: {"language": "en", "html": "<p>Changed.</p>", "status": "ready"},
        {
            "anonymous": 302,
            "owner": 302,
            "other_owner": 302,
            "sig": 403,
            "editor": 403,
            "administrator": 403,
        },
    ),
]
