"""Where each figure comes from, whether it was revised, and whether the series is stale
(issue 16), through the real pages, the dashboard and the downloads."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from measures.models import Indicator
from measures.open_data import SERIES_COLUMNS, SERIES_VALUE_FIELDS
from tests.conftest import PLAN_SOURCE, ROOT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROVENANCE = ROOT / "fixtures" / "indicator-provenance-2024-2027.json"
REAL_LOCALDATE = timezone.localdate


@pytest.fixture
def clock(monkeypatch):
    """clock(day) makes "today" that day for the pages, the dashboard and the services."""

    def set_today(day: datetime.date) -> None:
        def localdate(value=None, timezone=None):
            return day if value is None else REAL_LOCALDATE(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return set_today


@pytest.fixture
def provenance(real_plan):
    call_command("load_provenance", stdout=io.StringIO())


@pytest.fixture
def editor():
    return UserFactory(role="Editor", first_name="Eira", last_name="Evans")


@pytest.fixture
def editor_client(client, real_plan, editor):
    client.force_login(editor)
    return client


def _indicator(code: str) -> Indicator:
    theme, position = code.split(".")
    return Indicator.objects.get(theme__number=theme, position=position)


def _row(body: str, label: str) -> str:
    """The text of a summary list row's value, found by its label."""
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", body, re.S)
    assert match, f"no row {label!r}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match[1])).strip()


def _date_fields(name: str, day: datetime.date | None) -> dict:
    parts = (day.day, day.month, day.year) if day else ("", "", "")
    return {
        f"{name}_{part}": value for part, value in zip(("day", "month", "year"), parts, strict=True)
    }


def _value(**overrides) -> dict:
    data = {
        "period": "2024",
        "value": "68",
        "breakdown": "",
        "breakdown_label_en": "",
        "source_en": "Social care workforce survey 2024",
        "notes_en": "",
        "status": "final",
        **_date_fields("release_date", datetime.date(2025, 3, 27)),
    }
    return data | overrides


def test_every_fact_in_the_provenance_fixture_is_in_the_plan_word_for_word():
    document = json.loads(PROVENANCE.read_text(encoding="utf-8"))
    plan = PLAN_SOURCE.read_text(encoding="utf-8")
    records = document["indicators"] + document["baseline_release_dates"]
    assert records
    for record in records:
        assert record["evidence"], record["code"]
        for words in record["evidence"]:
            assert words in plan, (record["code"], words)
    # The plan gives no release dates for the next figures and no links for these sources.
    assert not any(r.get("next_release") or r.get("source_url") for r in document["indicators"])


def test_public_page_shows_source_producer_and_frequency_or_not_recorded(client, provenance):
    body = client.get(_indicator("1.1").get_absolute_url()).content.decode()
    assert _row(body, "Source publication") == "Social care workforce survey (no link recorded)"
    assert _row(body, "Producer") == "Social Care Wales"
    assert _row(body, "How often it is published") == "Annual"
    assert _row(body, "Expected next release") == "Not recorded"
    assert _row(body, "Definition") == "Not recorded"
    # The plan names no source for 6.3: nothing is made up.
    other = client.get(_indicator("6.3").get_absolute_url()).content.decode()
    for label in ("Source publication", "Producer", "How often it is published", "Method"):
        assert _row(other, label) == "Not recorded"
    assert _row(other, "Next figures") == "Next release not recorded"


def test_an_annual_series_with_no_new_value_goes_stale_90_days_after_it_was_due(
    client, provenance, clock
):
    """1.1's latest value is the 2023 survey; its release date is not recorded, so it counts
    from the end of 2023 and a new value was due by 31 December 2024."""
    url = _indicator("1.1").get_absolute_url()
    clock(datetime.date(2025, 3, 31))  # 90 days after it was due
    assert _row(client.get(url).content.decode(), "Next figures").startswith(
        "Up to date The next value is expected by 31 December 2024."
    )
    clock(datetime.date(2025, 4, 1))
    assert _row(client.get(url).content.decode(), "Next figures") == (
        "Overdue A new value was expected by 31 December 2024. The latest value is for a "
        "period that ended on 31 December 2023; its release date is not recorded."
    )


def _set_next_release(client, indicator: Indicator, day: datetime.date):
    form = client.get(f"/staff/indicators/{indicator.pk}/about/edit/")
    assert form.status_code == 200
    data = {name: "" for name in form.context["form"].fields}
    data |= {"base_version": indicator.version, **_date_fields("next_release", day)}
    response = client.post(f"/staff/indicators/{indicator.pk}/about/edit/", data)
    assert response.status_code == 302, response.content.decode()


def test_a_passed_next_release_shows_stale_on_the_page_and_on_the_dashboard(
    client, editor_client, clock
):
    """The issue's "Done when": with a fixed clock, an indicator whose next release has passed
    is stale on its public page and listed on the dashboard, whose count links to a list with
    the same count."""
    clock(datetime.date(2025, 6, 30))
    late, later = _indicator("6.3"), _indicator("7.2")
    _set_next_release(editor_client, late, datetime.date(2025, 1, 10))
    _set_next_release(editor_client, later, datetime.date(2025, 3, 31))
    # Due, but within 90 days: not stale.
    _set_next_release(editor_client, _indicator("3.1"), datetime.date(2025, 4, 1))

    client.logout()
    page = client.get(late.get_absolute_url()).content.decode()
    assert _row(page, "Next figures") == (
        "Overdue The next release was expected on 10 January 2025."
    )

    client.force_login(UserFactory(role="SIG member"))
    dashboard = client.get("/staff/dashboard/").content.decode()
    section = dashboard[dashboard.index('id="overdue-indicators"') :]
    section = section[: section.index("</ul>")]
    link = re.search(r'<a href="([^"]+)">(\d+) indicators are overdue for new figures</a>', section)
    assert link, section
    assert link[2] == "2"
    assert "6.3" in section and "next release expected on 10 January 2025" in section
    assert "7.2" in section and "3.1 " not in section

    listed = client.get(link[1].replace("&amp;", "&")).content.decode()
    assert "Overdue for new figures: 2 indicators" in listed
    assert late.get_absolute_url() in listed and later.get_absolute_url() in listed
    assert _indicator("3.1").get_absolute_url() not in listed


def test_an_ad_hoc_series_is_never_stale_but_says_how_old_it_is(client, editor_client, clock):
    clock(datetime.date(2026, 1, 1))
    morale = _indicator("1.1")
    form = editor_client.get(f"/staff/indicators/{morale.pk}/about/edit/").context["form"]
    data = {name: "" for name in form.fields} | _date_fields("next_release", None)
    data |= {"frequency": "ad_hoc", "base_version": morale.version}
    assert editor_client.post(f"/staff/indicators/{morale.pk}/about/edit/", data).status_code == 302
    page = client.get(morale.get_absolute_url()).content.decode()
    assert _row(page, "Next figures") == (
        "Published ad hoc The latest value is 2 years old. The latest value is for a period "
        "that ended on 31 December 2023; its release date is not recorded."
    )
    assert _row(page, "How often it is published") == "Ad hoc"
    assert "freshness=stale" not in client.get("/staff/dashboard/").content.decode()


def test_each_value_shows_its_source_release_date_and_revision(
    client, editor_client, editor, clock
):
    clock(datetime.date(2025, 6, 30))
    morale = _indicator("1.1")
    created = editor_client.post(f"/staff/indicators/{morale.pk}/values/new/", _value())
    assert created.status_code == 302
    value = morale.observations.get(period="2024")
    # The survey revises its figure: the earlier one stays visible.
    revised = _value(value="69", **_date_fields("release_date", datetime.date(2025, 5, 1)))
    changed = editor_client.post(
        f"/staff/values/{value.pk}/edit/", revised | {"base_version": value.version}
    )
    assert changed.status_code == 302

    client.logout()
    public = client.get(morale.get_absolute_url()).content.decode()
    row = public[public.index("<td>2024</td>") : public.index("</tr>", public.index("<td>2024"))]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert "69%" in text
    assert "Social care workforce survey 2024 Released 1 May 2025" in text
    assert "Yes Earlier figure: 68%, released 27 March 2025" in text
    # The public does not see who recorded it.
    assert "Eira Evans" not in public and "Recorded" not in public
    # The baseline was never revised, and the plan gives no release date for it.
    assert "Release date not recorded" in public

    client.force_login(UserFactory(role="SIG member"))
    staff = client.get(morale.get_absolute_url()).content.decode()
    assert re.search(r"By Eira Evans on \d+ \w+ 20\d\d, \d\d:\d\d", staff)
    assert "Last changed by Eira Evans on" in staff
    assert "Loaded from the plan on" in staff

    record = next(
        i for i in client.get("/data/indicators.json").json()["indicators"] if i["code"] == "1.1"
    )
    [latest] = record["observations"]
    assert (latest["value"], latest["release_date"], latest["revised"]) == (69, "2025-05-01", True)
    assert record["baselines"][0]["revised"] is False


def test_a_correction_that_keeps_the_figure_is_no_revision(client, editor_client):
    morale = _indicator("1.1")
    editor_client.post(f"/staff/indicators/{morale.pk}/values/new/", _value())
    value = morale.observations.get(period="2024")
    editor_client.post(
        f"/staff/values/{value.pk}/edit/",
        _value(notes_en="Weighted to the workforce.") | {"base_version": value.version},
    )
    record = next(
        i for i in client.get("/data/indicators.json").json()["indicators"] if i["code"] == "1.1"
    )
    assert record["observations"][0]["notes"] == "Weighted to the workforce."
    assert record["observations"][0]["revised"] is False
    assert "Earlier figure" not in client.get(morale.get_absolute_url()).content.decode()


def test_a_release_date_in_the_future_is_refused_naming_the_field(editor_client, clock):
    clock(datetime.date(2025, 6, 30))
    morale = _indicator("1.1")
    response = editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/",
        _value(**_date_fields("release_date", datetime.date(2025, 7, 1))),
    )
    assert response.status_code == 400
    assert "The release date must be today or in the past." in response.content.decode()
    assert not morale.observations.filter(period="2024").exists()


def _csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_indicator_page_offers_its_series_as_csv(client, editor_client, provenance):
    qualifications = _indicator("5.1")
    page = client.get(qualifications.get_absolute_url()).content.decode()
    url = "/data/indicators/2024-2027/5.1.csv"
    assert f'href="{url}"' in page
    rows = _csv(client, url)
    assert list(rows[0]) == list(SERIES_COLUMNS)
    assert [(r["breakdown"], r["value"]) for r in rows] == [
        ("adult-care-homes", "52"),
        ("domiciliary-care", "43"),
        ("residential-child-care", "73"),
    ]
    # The plan itself published these baselines, on 6 June 2024.
    assert {(r["baseline"], r["release_date"], r["revised"]) for r in rows} == {
        ("true", "2024-06-06", "false")
    }
    # The CSV's value columns are the JSON's value fields, under the same names.
    record = next(
        i for i in client.get("/data/indicators.json").json()["indicators"] if i["code"] == "5.1"
    )
    assert tuple(record["baselines"][0]) == SERIES_VALUE_FIELDS


def test_the_csv_escapes_cells_a_spreadsheet_would_run(client, editor_client):
    morale = _indicator("1.1")
    editor_client.post(
        f"/staff/indicators/{morale.pk}/values/new/",
        _value(source_en='=HYPERLINK("https://example.org")'),
    )
    rows = _csv(client, "/data/indicators/2024-2027/1.1.csv")
    assert [r["period"] for r in rows] == ["2023", "2024"]
    assert rows[1]["source"] == '\'=HYPERLINK("https://example.org")'
    assert rows[1]["release_date"] == "2025-03-27"


@pytest.mark.parametrize(
    "url", ["/data/indicators/2024-2027/9.9.csv", "/data/indicators/2024-2027/one.csv"]
)
def test_an_unknown_indicator_csv_is_not_found(client, real_plan, url):
    assert client.get(url).status_code == 404
