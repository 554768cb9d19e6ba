"""Numbers too long to be a day, a month or an update's id are refused, never a 500."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("day", "month"), [("1" * 19, "1"), ("1", "9" * 25), ("123", "1")])
def test_a_day_or_month_of_many_digits_is_an_invalid_date(client, real_plan, day, month):
    client.force_login(UserFactory(role="SIG member"))
    response = client.get(
        "/staff/dashboard/", {"since_day": day, "since_month": month, "since_year": "2025"}
    )
    assert response.status_code in (200, 400)
    assert "real date" in response.content.decode()


def test_a_resubmit_id_of_thousands_of_digits_names_no_update(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    response = client.get("/staff/actions/2024-2027/1/update/", {"resubmit": "1" * 5000})
    assert response.status_code == 404
