"""Never stale: after an approval, a new value, a publication or a translation import, the very
next anonymous request for every page that shows the change shows it, in English and Welsh.

Each test first fills the page cache (the second request is a hit), then makes the change
through the service that production uses, then asks once more.
"""

import datetime
import json

import pytest
import tablib
from django.test import Client
from django.utils import timezone

from actions.models import Action
from actions.quarters import quarter_of
from actions.services import update_approve, update_submit
from actions.status import ActionStatus
from core.page_cache import STATUS_HEADER
from measures.models import Indicator
from measures.services import observation_record
from reports import publishing
from reports.models import AnnualReport, ReportRun, RunStatus
from tests.factories import UserFactory
from tracker import translations_io

pytestmark = pytest.mark.django_db

LANGUAGES = ("", "/cy")


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor")


def _warm(client: Client, paths: list[str]) -> dict[str, str]:
    """Each page rendered and cached; its text before the change."""
    before = {}
    for path in paths:
        client.get(path)
        response = client.get(path)
        assert response.status_code == 200, path
        if path.startswith("/data/"):
            before[path] = response.content.decode()
            continue
        assert response[STATUS_HEADER] == "hit", path
        before[path] = response.content.decode()
    return before


def _next(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    if not path.startswith("/data/"):
        assert response[STATUS_HEADER] == "miss", path
    return response.content.decode()


def _action_row(text: str, url: str) -> dict:
    rows = json.loads(text)
    rows = rows.get("actions", rows) if isinstance(rows, dict) else rows
    return next(row for row in rows if row["url"] == url)


def test_an_approval_shows_at_once_on_every_page_that_shows_the_action(client, real_plan, editor):
    action = real_plan.actions.get(number=20)
    theme = action.theme.number
    marked = f"/actions/{real_plan.slug}/20/"
    delayed = "/actions/?status=significant_delays"
    pages = [p + path for p in LANGUAGES for path in ("/", f"/themes/{theme}/", "/actions/")]
    pages += [p + marked for p in LANGUAGES] + [p + delayed for p in LANGUAGES]
    pages += ["/data/actions.json"]
    before = _warm(client, pages)
    assert _action_row(before["/data/actions.json"], marked)["status"] != "significant_delays"
    assert "Never stale: under way" not in before[marked]
    assert marked not in before[delayed]

    update = update_submit(
        action=action,
        user=editor,
        data={
            "status": ActionStatus.SIGNIFICANT_DELAYS,
            "status_reason": "Funding arrived late.",
            "summary_en": "Never stale: under way",
            "summary_cy": "Byth yn hen: ar y gweill",
            "quarter": quarter_of(timezone.localdate()).code,
        },
        base_version=action.version,
    )
    update_approve(update=update, user=editor)

    assert "Never stale: under way" in _next(client, marked)
    assert "Byth yn hen: ar y gweill" in _next(client, "/cy" + marked)
    assert marked in _next(client, delayed)
    assert "/cy" + marked in _next(client, "/cy" + delayed)
    for path in pages:
        if path.startswith("/data/"):
            assert _action_row(_next(client, path), marked)["status"] == "significant_delays"
        elif marked not in path and delayed not in path:
            # Home, theme and list pages count or tag the action's status.
            assert _next(client, path) != before[path], path


def test_a_new_value_shows_at_once_on_the_indicator_theme_and_list_pages(client, real_plan, editor):
    indicator = Indicator.objects.get(plan=real_plan, theme__number=1, position=1)
    page = f"/indicators/{indicator.pk}/"
    theme = f"/themes/{indicator.theme.number}/"
    pages = [p + path for p in LANGUAGES for path in (page, theme, "/indicators/")]
    pages += ["/data/indicators.json"]
    before = _warm(client, pages)
    assert not any("61.7" in text for text in before.values())

    observation_record(
        indicator=indicator,
        user=editor,
        data={"period": "2024", "value": "61.7", "source_en": "Never stale survey"},
    )

    for path in pages:
        assert "61.7" in _next(client, path), path


def test_a_publication_shows_at_once_on_the_reports_list(client, real_plan, editor, monkeypatch):
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    run = ReportRun.objects.create(
        report=report,
        language="en",
        as_at=datetime.date(2024, 12, 31),
        status=RunStatus.READY,
        pdf_file="reports/never-stale.pdf",
        html_file="reports/never-stale.html",
        version=1,
        publication_requested_at=timezone.now(),
        published_by=editor,
    )
    pages = [p + "/reports/" for p in LANGUAGES] + [p + "/" for p in LANGUAGES]
    before = _warm(client, pages)
    link = f"/reports/{run.pk}/"
    assert link not in before["/reports/"]

    # The final edition's rendering is the report's own business (tests/reports); here only
    # the publication's write matters.
    monkeypatch.setattr(
        publishing,
        "report_final_edition",
        lambda run: {"html": "<p>Final</p>", "pdf": b"%PDF-1.7 final", "pages": 3},
    )
    monkeypatch.setattr(publishing, "report_files_write", lambda files: None)
    assert publishing.report_publication_finish(run_ids=[run.pk])

    assert link in _next(client, "/reports/")
    assert link in _next(client, "/cy/reports/")
    for path in ("/", "/cy/"):
        assert _next(client, path)


def test_a_translation_import_shows_at_once_on_the_welsh_pages(client, real_plan, editor):
    action = Action.objects.get(plan=real_plan, number=20)
    page = f"/actions/{real_plan.slug}/20/"
    theme = f"/themes/{action.theme.number}/"
    pages = [p + path for p in LANGUAGES for path in (page, theme, "/actions/")]
    before = _warm(client, pages)
    welsh = "Testun Cymraeg newydd na welwyd erioed"
    assert not any(welsh in text for text in before.values())

    dataset = tablib.Dataset(headers=translations_io.COLUMNS)
    dataset.append([f"actions.action.{action.pk}.text", action.text_en, welsh])
    report = translations_io.translations_import(dataset=dataset, user=editor)
    assert report.ok, report.errors

    assert welsh in _next(client, "/cy" + page)
    assert welsh in _next(client, "/cy/actions/")
    assert welsh in _next(client, "/cy" + theme)
    # The English pages are rendered again too (any write moves the version), and stay English.
    for path in (page, theme, "/actions/"):
        assert welsh not in _next(client, path)
