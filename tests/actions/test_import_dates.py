"""Dates in an update file: the forms spreadsheets write are read; anything else is a row error."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actions.models import Action
from actions.quarters import quarter_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUARTER = quarter_of(timezone.localdate()).code
HEADER = "plan,action,quarter,status,summary_en,revised_target_date,date_change_reason\n"


@pytest.fixture
def editor_client(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    return client


def _upload(client, csv: str):
    file = SimpleUploadedFile("updates.csv", csv.encode())
    return client.post("/staff/import/", {"kind": "updates", "file": file})


@pytest.mark.parametrize("written", ["2027-03-31", "31/03/2027", "2027-03-31 00:00:00"])
def test_a_revised_target_date_is_read_as_spreadsheets_write_it(editor_client, written):
    csv = HEADER + f"2024-2027,1,{QUARTER},on_track,Moving on.,{written},Funding came late.\n"
    response = _upload(editor_client, csv)
    assert response.status_code == 302
    assert Action.objects.get(plan__slug="2024-2027", number=1).target_date == datetime.date(
        2027, 3, 31
    )


@pytest.mark.parametrize("written", ["soon", "31/02/2027", "2027-13-01"])
def test_a_date_that_is_no_date_is_a_row_error_not_a_500(editor_client, written):
    csv = HEADER + f"2024-2027,1,{QUARTER},on_track,Moving on.,{written},Funding came late.\n"
    response = _upload(editor_client, csv)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<td>2</td><td>revised_target_date</td>" in body
    assert f"“{written}” is not a real date. Write it as 31/03/2027 or 2027-03-31." in body
    assert Action.objects.get(plan__slug="2024-2027", number=1).status == "no_update"
