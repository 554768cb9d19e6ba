"""indicators.csv, updates.csv and the bulk zip validate offline as a Frictionless Data
Package, carry the licence, and hold what the source says."""

import csv
import io
import json
import zipfile

import pytest
from frictionless import Package

from tests.api.public_fixtures import PUBLIC_SUMMARY, public_records


@pytest.fixture
def records(real_plan):
    return public_records(real_plan)


def _rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_zip_is_a_valid_data_package(client, records, tmp_path, settings):
    response = client.get("/data/open-data.zip")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert names == {
        "datapackage.json",
        "actions.csv",
        "indicators.csv",
        "updates.csv",
        "measures.csv",
    }
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    description = json.loads((tmp_path / "datapackage.json").read_text())
    assert description["licenses"][0]["path"] == settings.OPEN_DATA_LICENCE_URL


def test_indicators_csv_has_one_row_per_value(client, real_plan):
    from measures.models import Observation

    rows = _rows(client.get("/data/indicators.csv"))
    assert len(rows) == Observation.objects.count()
    morale = [r for r in rows if r["indicator"] == "1.1" and r["plan"] == real_plan.slug]
    assert morale[0]["value"] == "65" and morale[0]["unit"] == "percent"
    assert morale[0]["provisional"] == "false" and morale[0]["baseline"] == "true"
    assert morale[0]["source"] == "Social care workforce survey 2023"


def test_updates_csv_has_approved_progress_in_both_languages(client, records):
    rows = _rows(client.get("/data/updates.csv"))
    assert [(r["summary_en"], r["summary_cy"]) for r in rows] == [
        (PUBLIC_SUMMARY, f"Cymraeg: {PUBLIC_SUMMARY}")
    ]
    assert "SECRET" not in client.get("/data/updates.csv").content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/data/indicators.csv",
        "/data/updates.csv",
        "/data/open-data.zip",
        "/data/datapackage.json",
        "/data/actions.json",
        "/data/indicators.json",
        "/data/decisions.json",
    ],
)
def test_every_open_data_answer_states_the_licence_and_an_etag(client, db, address, settings):
    response = client.get(address)
    assert response.status_code == 200
    assert response["Link"] == f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    again = client.get(address, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
