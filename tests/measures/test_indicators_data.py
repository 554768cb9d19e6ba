import pytest

from measures.models import Indicator
from measures.services import observation_record
from tests.factories import IndicatorFactory, ObservationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_indicators_json_lists_every_indicator_with_baselines(client, real_plan):
    body = client.get("/data/indicators.json").json()
    assert body["count"] == 21
    by_code = {i["code"]: i for i in body["indicators"]}
    assert {i["theme"] for i in body["indicators"]} == {1, 2, 3, 5, 6, 7}
    morale = by_code["1.1"]
    assert morale["direction"] == "increase"
    assert morale["unit"] == "percent"
    assert morale["baseline_status"] == "set"
    assert morale["baselines"] == [
        {
            "period": "2023",
            "period_start": "2023-01-01",
            "period_end": "2023-12-31",
            "breakdown": None,
            "breakdown_label": None,
            "value": 65,
            "source": "Social care workforce survey 2023",
            "notes": None,
            "status": "final",
            # Added in issue 16: the plan gives no release date for the survey's figures.
            "release_date": None,
            "revised": False,
        }
    ]
    assert morale["observations"] == []
    assert [b["value"] for b in by_code["5.1"]["baselines"]] == [52, 43, 73]
    assert by_code["5.3"]["baselines"][0]["period_start"] == "2022-04-01"
    assert by_code["1.5"]["baseline_status"] == "pending"
    assert by_code["1.5"]["baselines"] == []
    assert by_code["2.1"]["direction"] == "maintain"
    assert by_code["2.1"]["tolerance"] == 2


def test_later_observations_are_listed_apart_from_the_baseline(client):
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, period="2023", is_baseline=True, value=40)
    ObservationFactory(indicator=indicator, period="2024", value="41.5")
    records = client.get("/data/indicators.json").json()["indicators"]
    # The session's real plan is in the file too: find this indicator by its words.
    [record] = [r for r in records if r["statement"] == indicator.statement_en]
    assert [b["value"] for b in record["baselines"]] == [40]
    assert [(o["period"], o["value"]) for o in record["observations"]] == [("2024", 41.5)]


def test_indicators_json_query_count_does_not_grow(client, django_assert_num_queries):
    IndicatorFactory.create_batch(2)
    # The data version; indicators with plan and theme; their observations; their breakdowns;
    # the values' audit trail, for which were revised.
    with django_assert_num_queries(5) as small:
        client.get("/data/indicators.json")
    for indicator in IndicatorFactory.create_batch(20):
        ObservationFactory(indicator=indicator)
    with django_assert_num_queries(len(small.captured_queries)):
        # These 22 and the real plan's 21, counted in the plan document.
        assert client.get("/data/indicators.json").json()["count"] == 22 + 21


def test_repeat_requests_for_indicators_are_served_from_the_cache_in_one_query(
    client, real_plan, django_assert_num_queries
):
    first = client.get("/data/indicators.json")
    with django_assert_num_queries(1):
        again = client.get("/data/indicators.json")
    assert again.content == first.content
    assert (
        client.get("/data/indicators.json", headers={"if-none-match": first["ETag"]}).status_code
        == 304
    )


def test_a_new_indicator_value_is_served_at_once(client, real_plan):
    before = client.get("/data/indicators.json")
    indicator = Indicator.objects.get(theme__number=1, position=1)
    observation_record(
        indicator=indicator,
        user=UserFactory(role="Editor"),
        data={"period": "2024", "value": "67", "source_en": "Workforce survey 2024"},
    )
    after = client.get("/data/indicators.json", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    morale = next(i for i in after.json()["indicators"] if i["code"] == "1.1")
    assert [(o["period"], o["value"]) for o in morale["observations"]] == [("2024", 67)]
