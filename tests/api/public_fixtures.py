"""Public and non-public records side by side, so every endpoint can be shown to list only the
public ones. Each secret text contains SECRET; no public answer may contain that word."""

import datetime

from django.utils import timezone

from actions.models import Action
from actions.services import update_return, update_submit
from reports.models import AnnualReport, ReportRun, RunStatus
from sig.models import Decision, Meeting
from tests.factories import UserFactory

PUBLIC_SUMMARY = "Staff morale survey results published and discussed."
PUBLIC_DECISION = "Ask every partner for their recruitment figures."


def _update(action, editor, *, summary, note, quarter, approve):
    return update_submit(
        action=action,
        user=editor,
        data={
            "status": "on_track",
            "summary_en": summary,
            "summary_cy": f"Cymraeg: {summary}" if approve else "",
            "internal_note": note,
            "status_reason": "Started.",
            "quarter": quarter,
        },
        base_version=Action.objects.get(pk=action.pk).version,
        approve=approve,
    )


def public_records(plan) -> dict:
    editor = UserFactory(role="Editor")
    action = plan.actions.get(number=1)
    approved = _update(
        action, editor, summary=PUBLIC_SUMMARY, note="SECRET internal note", quarter="2024-Q3",
        approve=True,
    )  # fmt: skip
    _update(
        action, editor, summary="SECRET draft summary", note="", quarter="2024-Q4", approve=False
    )
    returned = _update(
        plan.actions.get(number=2), editor, summary="SECRET returned summary", note="",
        quarter="2024-Q4", approve=False,
    )  # fmt: skip
    update_return(update=returned, user=editor, comment="SECRET comment to the owner")

    report = AnnualReport.objects.create(plan=plan, year=2024)
    published = ReportRun.objects.create(
        report=report, language="en", as_at=datetime.date(2024, 12, 31), status=RunStatus.READY,
        pdf_file="reports/public.pdf", pdf_sha256="a" * 64, pdf_bytes=1000,
        html_file="reports/public.html", html_sha256="b" * 64, html_bytes=500,
        published_at=timezone.now(), version=1,
    )  # fmt: skip
    ReportRun.objects.create(
        report=report, language="cy", as_at=datetime.date(2025, 1, 31), status=RunStatus.READY,
        pdf_file="reports/SECRET.pdf", pdf_sha256="c" * 64, change_note="SECRET unpublished",
    )  # fmt: skip

    approved_meeting = Meeting.objects.create(
        held_on=datetime.date(2025, 3, 1), chair=editor, created_by=editor,
        minutes_approved_at=timezone.now(), minutes_approved_by=editor,
    )  # fmt: skip
    draft_meeting = Meeting.objects.create(
        held_on=datetime.date(2025, 6, 1), chair=editor, created_by=editor
    )
    organisation = action.organisations.first()
    due = datetime.date(2025, 9, 30)
    public = Decision.objects.create(
        meeting=approved_meeting, wording_en=PUBLIC_DECISION, organisation=organisation,
        due_on=due, created_by=editor,
    )  # fmt: skip
    public.actions.add(action)
    Decision.objects.create(
        meeting=approved_meeting, wording_en="SECRET internal decision", organisation=organisation,
        due_on=due, created_by=editor, is_public=False,
    )  # fmt: skip
    Decision.objects.create(
        meeting=draft_meeting, wording_en="SECRET decision before minutes",
        organisation=organisation, due_on=due, created_by=editor,
    )  # fmt: skip
    return {"action": action, "update": approved, "report": published, "decision": public}
