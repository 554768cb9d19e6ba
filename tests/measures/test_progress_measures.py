# ruff: noqa: F401, F811 (pytest fixtures imported from tests.measures.progress_fixtures)
"""Done when: an Editor records a figure against the WeCare Wales line, and it shows on the
theme page, in /data/measures.json and .csv, and in the next report build."""

import csv
import io
import json
from html import unescape as html_unescape

import pytest
from django.utils import timezone

from measures.models import MeasureFigure
from reports.models import AnnualReport
from reports.services import report_render
from tests.factories import UserFactory
from tests.measures.progress_fixtures import (
    WECARE,
    editor,
    editor_client,
    measures_loaded,
    wecare,
)

pytestmark = pytest.mark.django_db

FIGURE = {
    "period": "2025",
    "value": "412345",
    "unit_en": "unique visitors to the WeCare Wales website",
    "source_en": "WeCare Wales website analytics",
    "status": "provisional",
}


def _record(client, measure) -> MeasureFigure:
    response = client.post(f"/staff/measures/{measure.pk}/figures/new/", FIGURE)
    assert response.status_code == 302, response.content.decode()
    return measure.figures.get(unit_en=FIGURE["unit_en"])


def test_an_editor_reaches_the_form_from_the_start_page_and_the_theme_page(
    editor_client,
    wecare,
):
    start = editor_client.get("/staff/", follow=True).content.decode()
    assert 'href="/staff/measures/"' in start
    listing = editor_client.get("/staff/measures/").content.decode()
    assert f'href="/staff/measures/{wecare.pk}/"' in listing
    theme_page = editor_client.get("/themes/2/").content.decode()
    assert f'href="/staff/measures/{wecare.pk}/"' in theme_page
    page = editor_client.get(f"/staff/measures/{wecare.pk}/").content.decode()
    assert f'href="/staff/measures/{wecare.pk}/figures/new/"' in page
    assert editor_client.get(f"/staff/measures/{wecare.pk}/figures/new/").status_code == 200


def test_a_recorded_figure_shows_on_the_theme_page_with_its_trend_in_words(
    editor_client,
    wecare,
):
    figure = _record(editor_client, wecare)
    assert figure.recorded_by is not None and figure.more_than is False
    body = editor_client.get("/themes/2/").content.decode()
    section = body.split("How we'll measure progress against the actions", 1)[1]
    assert "412,345" in section and FIGURE["unit_en"] in section
    assert "First figure recorded" in section
    # The 2021 to 2022 figures are there too, with their "more than".
    assert "more than 300,000" in section
    assert "visitors to the WeCare Wales website" in section


def test_a_recorded_figure_is_in_the_open_data(client, editor_client, wecare):
    _record(editor_client, wecare)
    data = json.loads(client.get("/data/measures.json").content)
    (record,) = [m for m in data["measures"] if m["text"] == WECARE]
    assert data["count"] == len(data["measures"]) == 26
    assert record["kind"] == "figure" and record["theme"] == 2
    assert {
        "period": "2025",
        "value": 412345,
        "unit": FIGURE["unit_en"],
        "more_than": False,
        "status": "provisional",
        "source": FIGURE["source_en"],
    }.items() <= next(f for f in record["figures"] if f["period"] == "2025").items()
    (series,) = [s for s in record["series"] if s["unit"] == FIGURE["unit_en"]]
    assert (series["trend"], series["latest_value"]) == ("first", 412345)

    text = client.get("/data/measures.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["measure"] for r in rows} == {m["code"] for m in data["measures"]}
    (row,) = [r for r in rows if r["unit"] == FIGURE["unit_en"]]
    assert (row["measure_text"], row["value"], row["period"], row["entry"]) == (
        WECARE,
        "412345",
        "2025",
        "figure",
    )


def test_a_recorded_figure_is_in_the_next_report_build(editor_client, wecare):
    _record(editor_client, wecare)
    report = AnnualReport.objects.create(plan=wecare.line.plan, year=2025)
    html = report_render(report=report, as_at=timezone.localdate(), language="en")["html"]
    section = html.split('id="theme-2"', 1)[1].split('id="theme-3"', 1)[0]
    results = html_unescape(section.split("report-measure-results", 1)[1])
    assert WECARE in results
    assert "412,345" in results and FIGURE["unit_en"] in results


def test_a_figure_recorded_after_the_cut_off_is_not_in_a_report_as_at_before_it(
    editor_client,
    wecare,
):
    _record(editor_client, wecare)
    report = AnnualReport.objects.create(plan=wecare.line.plan, year=2025)
    as_at = timezone.localdate().replace(month=1, day=1)
    html = report_render(report=report, as_at=as_at, language="en")["html"]
    assert FIGURE["unit_en"] not in html


@pytest.mark.parametrize("role", [None, "Action owner", "SIG member"])
def test_only_editors_see_the_links_and_may_record(client, wecare, role):
    if role:
        client.force_login(UserFactory(role=role))
    theme_page = client.get("/themes/2/").content.decode()
    assert "/staff/measures/" not in theme_page
    if role:
        start = client.get("/staff/", follow=True).content.decode()
        assert "/staff/measures/" not in start
    response = client.post(f"/staff/measures/{wecare.pk}/figures/new/", FIGURE)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/sign-in" in response["Location"] or "login" in response["Location"]
    assert not wecare.figures.filter(unit_en=FIGURE["unit_en"]).exists()
