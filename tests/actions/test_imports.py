"""Bulk uploads: the whole file is checked, then every row is applied or none is."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actions.models import Action, ProgressUpdate
from actions.quarters import quarter_of
from measures.models import Observation
from tests.factories import DeliveryPlanFactory, IndicatorFactory, UserFactory
from themes.models import Theme

pytestmark = pytest.mark.django_db

QUARTER = quarter_of(timezone.localdate()).code
HEADER = "plan,action,quarter,status,status_reason,summary_en\n"


@pytest.fixture
def editor_client(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    return client


def _upload(client, kind: str, name: str, content: bytes):
    return client.post("/staff/import/", {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_valid_csv_of_updates_is_applied_and_approved(editor_client):
    csv = HEADER + (
        f"2024-2027,1,{QUARTER},on_track,,Framework refreshed.\n"
        f"2024-2027,2,{QUARTER},minor_delays,Forum framework late.,Waiting for the Forum.\n"
    )
    response = _upload(editor_client, "updates", "updates.csv", csv.encode())
    assert response.status_code == 302
    assert dict(Action.objects.filter(number__in=[1, 2]).values_list("number", "status")) == {
        1: "on_track",
        2: "minor_delays",
    }


def test_one_bad_row_rolls_back_the_whole_file_and_names_each_problem(editor_client):
    csv = HEADER + (
        f"2024-2027,1,{QUARTER},on_track,,Good row.\n"
        f"2024-2027,99,{QUARTER},on_track,,No such action.\n"
        f"2024-2027,3,{QUARTER},finished,,Unknown status.\n"
        f"2024-2027,4,2024-Q9,on_track,,Bad quarter.\n"
    )
    response = _upload(editor_client, "updates", "updates.csv", csv.encode())
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert "<td>3</td><td>action</td><td>No action 99 in plan “2024-2027”.</td>" in body
    assert (
        "<td>4</td><td>status</td><td>“finished” is not a status. Use one of: not_started, "
        "on_track, minor_delays, significant_delays, complete, closed.</td>"
    ) in body
    assert "<td>5</td><td>quarter</td>" in body
    assert not ProgressUpdate.objects.exists()
    assert Action.objects.get(number=1).status == "no_update"


def test_xlsx_of_values_is_read_and_bad_percentage_rolls_back(editor_client):
    sheet = tablib.Dataset(headers=["indicator", "period", "value", "source_en"])
    sheet.append(["1.1", "2024", "67", "Survey 2024"])
    sheet.append(["1.3", "2024", "140", "Survey 2024"])
    response = _upload(editor_client, "observations", "values.xlsx", sheet.export("xlsx"))
    assert response.status_code == 400
    assert "A percentage must be between 0 and 100." in response.content.decode()
    assert not Observation.objects.filter(period="2024").exists()

    sheet = tablib.Dataset(headers=["indicator", "period", "value", "source_en"])
    sheet.append(["1.1", "2024", "67", "Survey 2024"])
    sheet.append(["5.3", "2023-24", "2,610", "Apprenticeship data"])
    response = _upload(editor_client, "observations", "values.xlsx", sheet.export("xlsx"))
    assert response.status_code == 302
    assert Observation.objects.filter(period__in=["2024", "2023-24"]).count() == 2


def test_file_with_wrong_columns_or_type_is_refused_clearly(editor_client):
    response = _upload(editor_client, "updates", "x.csv", b"plan,number\n2024-2027,1\n")
    assert "These columns are missing." in response.content.decode()
    response = _upload(editor_client, "updates", "x.pdf", b"%PDF")
    assert response.status_code == 400
    assert "The file must be a .csv or .xlsx file." in response.content.decode()
    response = _upload(editor_client, "updates", "x.csv", "é".encode("latin-1"))
    assert "is not UTF-8 text" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_actions_csv_export_escapes_formulae_in_staff_entered_text(client, real_plan):
    Action.objects.filter(number=5).update(text_en="@SUM(1+1)")
    body = client.get("/data/actions.csv", {"q": "SUM"}).content.decode("utf-8-sig")
    assert "'@SUM(1+1)" in io.StringIO(body).read()


def test_values_go_to_the_plan_in_force_when_an_older_plan_shares_the_codes(editor_client):
    older = DeliveryPlanFactory(slug="2021-2023", start_year=2021, end_year=2023)
    theme = Theme.objects.get(number=1)
    IndicatorFactory(plan=older, theme=theme, position=1)
    sheet = tablib.Dataset(headers=["indicator", "period", "value", "source_en"])
    sheet.append(["1.1", "2024", "67", "Survey 2024"])
    response = _upload(editor_client, "observations", "values.xlsx", sheet.export("xlsx"))
    assert response.status_code == 302
    saved = Observation.objects.get(period="2024")
    assert saved.indicator.plan.slug == "2024-2027"

    sheet = tablib.Dataset(headers=["indicator", "period", "value", "source_en"])
    sheet.append(["4.1", "2024", "5", "Survey 2024"])
    response = _upload(editor_client, "observations", "values.xlsx", sheet.export("xlsx"))
    assert response.status_code == 400
    assert "No indicator “4.1” in the plan in force (2024-2027)." in response.content.decode()
