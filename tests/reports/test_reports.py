"""The annual progress report: request, build, content as at a date, publish, failures."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfReader

from actions.models import Action
from actions.services import update_submit
from measures.models import Indicator
from reports.models import ReportRun

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2025, 3, 31)


def _flat(text: str) -> str:
    # Line breaks in a PDF's text fall anywhere, even inside "work-based": compare the words
    # with all white space removed.
    return re.sub(r"\s+", "", text)


def _pdf_text(path) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_editor_builds_and_publishes_a_tagged_pdf_with_every_action_and_baseline(
    publish, build, client, editor, real_plan, tmp_path
):
    # A value recorded before the cut-off, so indicator 1.1 has two periods to chart.
    from tests.factories import ObservationFactory

    ObservationFactory(
        indicator=Indicator.objects.get(theme__number=1, position=1),
        period="2024",
        value=68,
        created_at=timezone.make_aware(datetime.datetime(2025, 1, 15)),
    )
    client.force_login(editor)
    response = build()
    assert response.status_code == 302
    run = ReportRun.objects.get()
    # Without Redis the job runs in-process when the request commits.
    assert run.status == "ready", run.failure_reason
    text = _pdf_text(tmp_path / run.pdf_file)
    for action in Action.objects.all():
        assert _flat(action.text_en) in text, action.number
    for indicator in Indicator.objects.exclude(baseline_text_en=""):
        assert _flat(indicator.baseline_text_en) in text, indicator.code
    assert _flat("Our first report on the 2024 to 2027 plan.") in text
    reader = PdfReader(tmp_path / run.pdf_file)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Annual progress report 2024")

    response = publish(run, confirm="on")
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.version == 1
    client.logout()
    listing = client.get("/reports/").content.decode()
    details = listing[listing.index("<details") : listing.index("</details>")]
    assert run.pdf_sha256 in details and run.html_sha256 in details
    assert client.get(f"/reports/{run.pk}/pdf/").status_code == 200
    html = client.get(f"/reports/{run.pk}/").content.decode()
    assert '<html lang="en">' in html and "<svg" in html


def test_rebuild_after_newer_updates_has_the_same_content(
    build, client, editor, small_plan, tmp_path
):
    client.force_login(editor)
    build(plan="small-plan")
    first = ReportRun.objects.get()
    action = small_plan.actions.first()
    update_submit(
        action=action,
        user=editor,
        data={"status": "complete", "summary_en": "Done after the cut-off.", "quarter": "2025-Q3"},
        base_version=action.version,
        approve=True,
    )
    build(plan="small-plan")
    second = ReportRun.objects.exclude(pk=first.pk).get()
    assert second.status == "ready"
    assert _pdf_text(tmp_path / first.pdf_file) == _pdf_text(tmp_path / second.pdf_file)
    assert "Done after the cut-off." not in _pdf_text(tmp_path / second.pdf_file)
    assert first.html_sha256 == second.html_sha256


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"as_at": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "The cut-off date cannot be in the future.",
        ),
        ({"year": "2031"}, "The year must be within the plan: 2024 to 2027."),
        ({"plan": "2099-2100"}, "Select a plan from the list"),
        ({"languages": []}, "Choose English, Welsh or both."),
    ],
)
def test_bad_request_is_refused_and_creates_no_job(
    build, client, editor, real_plan, overrides, message
):
    client.force_login(editor)
    response = build(**overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportRun.objects.exists()


def test_a_published_report_never_changes_and_a_correction_says_what_changed(
    publish, build, client, editor, small_plan
):
    client.force_login(editor)
    build(plan="small-plan")
    first = ReportRun.objects.get()
    publish(first, confirm="on")
    build(plan="small-plan", introduction_en="Corrected introduction.")
    second = ReportRun.objects.exclude(pk=first.pk).get()
    response = publish(second, confirm="on")
    assert response.status_code == 400
    assert "Version 1 is already published. Say what this correction changes." in (
        response.content.decode()
    )
    publish(second, change_note="Introduction corrected.", confirm="on")
    second.refresh_from_db()
    first.refresh_from_db()
    first_before = (first.pdf_sha256, first.version, first.published_at)
    publish(first, change_note="Trying to publish again.", confirm="on")
    first.refresh_from_db()
    assert (first.pdf_sha256, first.version, first.published_at) == first_before
    assert second.version == 2
    assert "Introduction corrected." in client.get("/reports/").content.decode()


def test_failed_build_shows_its_reason_keeps_the_published_report_and_can_be_retried(
    publish, build, django_capture_on_commit_callbacks, client, editor, small_plan, monkeypatch
):
    client.force_login(editor)
    build(plan="small-plan")
    published = ReportRun.objects.get()
    publish(published, confirm="on")

    def broken(**kwargs):
        raise ValueError("indicator 9.9 has no theme")

    monkeypatch.setattr("reports.services.report_render", broken)
    build(plan="small-plan", as_at="2025-04-30")
    failed = ReportRun.objects.get(as_at="2025-04-30")
    assert failed.status == "failed"
    page = client.get(f"/staff/reports/{failed.pk}/").content.decode()
    assert "ValueError: indicator 9.9 has no theme" in page
    assert client.get(f"/reports/{published.pk}/pdf/").status_code == 200

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/reports/{failed.pk}/retry/")
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("ready", 2)


def test_duplicate_request_joins_the_run_in_progress(
    small_plan, client, editor, django_capture_on_commit_callbacks
):
    from reports.services import report_request

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first, created = report_request(
            plan_slug="small-plan", year=2024, as_at=AS_AT, language="en", user=editor
        )
        again, created_again = report_request(
            plan_slug="small-plan", year=2024, as_at=AS_AT, language="en", user=editor
        )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert len(callbacks) == 1  # one job queued


def test_duplicate_delivery_of_the_job_builds_once(small_plan, editor):
    from reports.services import report_request
    from reports.tasks import report_build_task

    run, _ = report_request(
        plan_slug="small-plan", year=2024, as_at=AS_AT, language="en", user=editor
    )
    assert report_build_task.apply(args=[run.pk]).get() == "ready"
    assert report_build_task.apply(args=[run.pk]).get() == "skipped: already built or being built"
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("ready", 1)


def test_run_page_refreshes_itself_while_building(client, small_plan, editor):
    from reports.models import AnnualReport

    report = AnnualReport.objects.create(plan=small_plan, year=2024)
    run = ReportRun.objects.create(report=report, language="en", as_at=AS_AT)
    client.force_login(editor)
    body = client.get(f"/staff/reports/{run.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in body


def test_build_report_command_writes_the_pdf(real_plan, tmp_path):
    output = tmp_path / "report.pdf"
    call_command("build_report", "--year", "2024", "--lang", "cy", "--output", str(output))
    assert PdfReader(output).trailer["/Root"]["/Lang"] == "cy"
    text = _pdf_text(output)
    # Headings and labels in Welsh, same numbering.
    assert _flat("Ein huchelgais erbyn 2030") in text
    assert _flat("Cam gweithredu 41") in text
    with pytest.raises(CommandError, match="--year: The year must be within the plan"):
        call_command("build_report", "--year", "2019", "--output", str(output))
    with pytest.raises(CommandError, match="--plan: There is no plan “nope”"):
        call_command("build_report", "--plan", "nope", "--year", "2024", "--output", str(output))
