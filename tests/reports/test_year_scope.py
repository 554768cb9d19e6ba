"""A report for year Y covers progress up to the end of Y: its cut-off is 31 December of Y or
later and never in the future, and updates for quarters after Y are not counted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import timezone, translation

from actions.services import update_submit
from reports.models import AnnualReport, ReportRun
from reports.selectors import report_snapshot
from reports.services import report_request
from tests.factories import ActionFactory, DeliveryPeriodFactory, DeliveryPlanFactory

pytestmark = pytest.mark.django_db

BEFORE_YEAR_END = (
    "The report for 2024 covers progress up to the end of 2024. Enter a cut-off date of "
    "31 December 2024 or later."
)


def _approve(action, editor, *, quarter: str, status: str, summary: str) -> None:
    action.refresh_from_db()
    update_submit(
        action=action,
        user=editor,
        data={"status": status, "summary_en": summary, "quarter": quarter},
        base_version=action.version,
        approve=True,
    )


def test_an_update_for_a_quarter_after_the_year_is_not_counted(editor):
    # Approved today, so both are approved by a cut-off of today; only the quarter differs.
    year = timezone.localdate().year - 1
    plan = DeliveryPlanFactory(start_year=year - 1, end_year=year + 1)
    period = DeliveryPeriodFactory(plan=plan, ends_on=datetime.date(year, 12, 31))
    action = ActionFactory(plan=plan, period=period)
    _approve(action, editor, quarter=f"{year}-Q4", status="on_track", summary="Autumn progress.")
    _approve(
        action, editor, quarter=f"{year + 1}-Q1", status="complete", summary="Finished next year."
    )

    report = AnnualReport(plan=plan, year=year)
    snapshot = report_snapshot(report=report, as_at=timezone.localdate())
    (item,) = snapshot["actions"]
    assert item.status == "on_track"
    assert [u.quarter for u in item.approved_updates] == [f"{year}-Q4"]
    (group,) = snapshot["status_summary"]
    counts = {row["label"]: row["count"] for row in group["rows"]}
    assert (counts["On track"], counts["Complete"], group["total"]) == (1, 0, 1)
    with translation.override("en"):
        html = render_to_string("reports/report_web.html", {**snapshot, "edition": "html"})
    assert "Autumn progress." in html
    assert "Finished next year." not in html


@pytest.mark.parametrize(
    ("as_at", "message"),
    [
        (datetime.date(2024, 12, 30), BEFORE_YEAR_END),
        (datetime.date(2024, 6, 30), BEFORE_YEAR_END),
        (
            timezone.localdate() + datetime.timedelta(days=1),
            "The cut-off date cannot be in the future. Enter ",
        ),
    ],
)
def test_the_service_refuses_a_cut_off_before_the_year_ends_or_in_the_future(
    real_plan, editor, as_at, message
):
    with pytest.raises(ValidationError) as refused:
        report_request(plan_slug=real_plan.slug, year=2024, as_at=as_at, language="en", user=editor)
    assert message in " ".join(refused.value.message_dict["as_at"])
    assert not ReportRun.objects.exists()


def test_the_last_day_of_the_year_is_a_cut_off_the_service_accepts(
    real_plan, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        run, created = report_request(
            plan_slug=real_plan.slug,
            year=2024,
            as_at=datetime.date(2024, 12, 31),
            language="en",
            user=editor,
        )
    assert created and run.as_at == datetime.date(2024, 12, 31)


def test_the_form_refuses_a_cut_off_before_the_year_ends_against_its_field(
    build, client, editor, real_plan
):
    client.force_login(editor)
    response = build(as_at="2024-12-30")
    assert response.status_code == 400
    assert BEFORE_YEAR_END in response.context["form"].errors["as_at"]
    assert not ReportRun.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "other_field"),
    [({"languages": []}, "languages"), ({"year": "2031", "as_at": "2030-06-30"}, "year")],
)
def test_the_form_lists_a_wrong_cut_off_with_every_other_problem(
    build, client, editor, real_plan, overrides, other_field
):
    client.force_login(editor)
    response = build(**{"as_at": "2024-06-30", **overrides})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert other_field in errors
    assert "covers progress up to the end of" in " ".join(errors["as_at"])
    assert not ReportRun.objects.exists()


def test_the_welsh_form_names_the_year_end_in_welsh(client, editor, real_plan):
    client.force_login(editor)
    response = client.post(
        "/cy/staff/reports/",
        {"plan": real_plan.slug, "year": "2024", "as_at": "2024-06-30", "languages": ["cy"]},
    )
    assert response.status_code == 400
    (message,) = response.context["form"].errors["as_at"]
    assert "31 Rhagfyr 2024" in message
    assert not ReportRun.objects.exists()


def test_the_form_refuses_the_report_for_a_year_not_yet_ended(build, client, editor):
    year = timezone.localdate().year
    plan = DeliveryPlanFactory(slug="this-year", start_year=year - 1, end_year=year + 1)
    client.force_login(editor)
    response = build(plan=plan.slug, year=str(year), as_at=timezone.localdate().isoformat())
    assert response.status_code == 400
    (message,) = response.context["form"].errors["as_at"]
    assert f"so it can be built from 31 December {year}, once the year has ended" in message
    assert not ReportRun.objects.exists()


def test_build_report_refuses_a_cut_off_before_the_year_ends_or_in_the_future(real_plan, tmp_path):
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match="--as-at: The report for 2024 covers progress"):
        call_command(
            "build_report", "--year", "2024", "--as-at", "2024-12-30", "--output", str(output)
        )
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="--as-at: The cut-off date cannot be in the future"):
        call_command("build_report", "--year", "2024", "--as-at", tomorrow, "--output", str(output))
    assert not output.exists()
