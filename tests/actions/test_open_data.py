import csv
import io

import pytest

from actions.models import Action
from tests.factories import ActionFactory, DeliveryPlanFactory

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_actions_json_serves_all_41_actions_with_their_stable_fields(client, real_plan):
    response = client.get("/data/actions.json")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 41
    numbers = [a["number"] for a in body["actions"]]
    assert numbers == list(range(1, 42))
    by_number = {a["number"]: a for a in body["actions"]}
    for action in Action.objects.select_related("theme", "period"):
        record = by_number[action.number]
        assert record["text"] == action.text_en
        assert record["theme"] == action.theme.number
        assert record["period"] == action.period.slug
    assert set(by_number[2]) == {
        "plan",
        "number",
        "theme",
        "period",
        "period_label",
        "text",
        "text_cy",
        "sub_points",
        "sub_points_cy",
        "owners",
        "status",
        "status_label",
        "target_date",
        "url",
    }
    assert by_number[9]["owners"] == [
        {
            "organisation": "welsh-government",
            "name": "Welsh Government",
            "role": "lead",
            "named_in_text": True,
        }
    ]
    assert len(by_number[17]["sub_points"]) == 3
    assert by_number[1]["target_date"] == "2024-12-31"


def test_actions_json_and_csv_apply_the_same_filters(client, real_plan):
    query = {"theme": "3", "period": "2024"}
    data = client.get("/data/actions.json", query).json()
    rows = _csv_rows(client.get("/data/actions.csv", query))
    assert [a["number"] for a in data["actions"]] == [18, 19, 20]
    assert [int(r["number"]) for r in rows] == [18, 19, 20]


def test_actions_csv_lists_owners_and_sub_points(client, real_plan):
    response = client.get("/data/actions.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = {int(r["number"]): r for r in _csv_rows(response)}
    assert len(rows) == 41
    assert rows[35]["owners"] == "Care Inspectorate Wales (lead); Social Care Wales (lead)"
    assert rows[1]["owners"] == "Social Care Wales (lead, assumed)"
    assert rows[2]["sub_points"].count(" | ") == 1


def test_csv_cells_that_look_like_formulae_are_escaped(client):
    ActionFactory(text_en='=HYPERLINK("http://evil.example")')
    row = _csv_rows(client.get("/data/actions.csv"))[0]
    assert row["text"] == '\'=HYPERLINK("http://evil.example")'


@pytest.mark.parametrize("url", ["/data/actions.json", "/data/actions.csv"])
def test_unknown_filter_values_get_400_naming_the_field_and_valid_values(client, real_plan, url):
    response = client.get(
        url, {"theme": "9", "status": "late", "plan": "2099", "period": "2031", "owner": "x"}
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["theme"] == ["“9” is not a choice for “Theme”. Use one of: 1, 2, 3, 4, 5, 6, 7."]
    assert "on_track" in fields["status"][0]
    assert "2024-2027" in fields["plan"][0]
    assert fields["period"] == ["“2031” is not a choice for “Period”. Use one of: 2024, 2025-2027."]
    assert "care-inspectorate-wales, heiw, social-care-fair-work-forum" in fields["owner"][0]


def test_search_with_too_many_words_is_refused_not_run(client, real_plan):
    response = client.get("/data/actions.json", {"q": " ".join(["care"] * 11)})
    assert response.status_code == 400
    assert response.json()["fields"]["q"] == ["Search for 10 words or fewer."]
    assert client.get("/data/actions.json", {"q": " ".join(["care"] * 10)}).status_code == 200


def test_search_matches_action_text_and_sub_points(client, real_plan):
    by_text = client.get("/data/actions.json", {"q": "Gwella"}).json()
    assert [a["number"] for a in by_text["actions"]] == [34]
    by_sub_point = client.get("/data/actions.json", {"q": "WeCare website"}).json()
    assert [a["number"] for a in by_sub_point["actions"]] == [17]


def test_owner_filter_finds_partner_actions(client, real_plan):
    data = client.get("/data/actions.json", {"owner": "heiw"}).json()
    assert [a["number"] for a in data["actions"]] == [20]


def test_actions_json_query_count_does_not_grow_with_actions(client, django_assert_num_queries):
    plan = DeliveryPlanFactory()
    ActionFactory.create_batch(3, plan=plan)
    # Actions with plan, theme and period; their sub-points; their owners.
    with django_assert_num_queries(3) as small:
        client.get("/data/actions.json")
    ActionFactory.create_batch(30, plan=plan)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/data/actions.json")
    assert response.json()["count"] == 33
