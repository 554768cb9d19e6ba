import csv
import io
import json

import pytest
from django.utils import timezone

from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
)
from actions.quarters import quarter_of
from actions.services import update_submit
from tests.conftest import PLAN_FIXTURE
from tests.factories import ActionFactory, DeliveryPlanFactory, UserFactory
from themes.models import Strategy, Theme
from tracker.plan_loading import plan_load

pytestmark = pytest.mark.django_db

QUARTER = quarter_of(timezone.localdate()).code


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
        # Added with the other plans (issue 15).
        "description",
        "lineage",
        "outcome",
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
    action = ActionFactory(text_en='=HYPERLINK("http://evil.example")')
    # Only this action's plan, not the session's real plan.
    [row] = _csv_rows(client.get("/data/actions.csv", {"plan": action.plan.slug}))
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
    # "Gwella" alone also finds actions whose Welsh text says "gwella" (improve): the search
    # looks in both languages.
    by_text = client.get("/data/actions.json", {"q": "Gwella site"}).json()
    assert [a["number"] for a in by_text["actions"]] == [34]
    by_sub_point = client.get("/data/actions.json", {"q": "WeCare website"}).json()
    assert [a["number"] for a in by_sub_point["actions"]] == [17]


def test_owner_filter_finds_partner_actions(client, real_plan):
    data = client.get("/data/actions.json", {"owner": "heiw"}).json()
    assert [a["number"] for a in data["actions"]] == [20]


def test_actions_json_query_count_does_not_grow_with_actions(client, django_assert_num_queries):
    plan = DeliveryPlanFactory()
    ActionFactory.create_batch(3, plan=plan)
    # The data version; actions with plan, theme and period; their sub-points; their owners;
    # their lineage links.
    with django_assert_num_queries(5) as small:
        client.get("/data/actions.json")
    ActionFactory.create_batch(30, plan=plan)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/data/actions.json")
    # These 33 and the real plan's 41, counted in the plan document.
    assert response.json()["count"] == 33 + 41


def _approve(number: int, status: str) -> None:
    action = Action.objects.get(number=number)
    update_submit(
        action=action,
        user=UserFactory(role="Editor"),
        # A first update reporting delays must say why (actions.status.status_needs_reason).
        data={
            "status": status,
            "status_reason": "Waiting for partners.",
            "summary_en": "Work has begun.",
            "quarter": QUARTER,
        },
        base_version=action.version,
        approve=True,
    )


def test_repeat_requests_are_served_from_the_cache_in_one_query(
    client, real_plan, django_assert_num_queries
):
    first = client.get("/data/actions.json")
    with django_assert_num_queries(1):
        again = client.get("/data/actions.json")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", ["/data/actions.json", "/data/actions.csv"])
def test_a_client_with_the_current_etag_gets_304_without_a_body(client, real_plan, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_an_approved_update_changes_the_etag_and_the_served_status(client, real_plan):
    before = client.get("/data/actions.json")
    _approve(5, "minor_delays")
    after = client.get("/data/actions.json", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    by_number = {a["number"]: a for a in after.json()["actions"]}
    assert by_number[5]["status"] == "minor_delays"
    assert by_number[5]["status_label"] == "Minor delays"


def test_renaming_an_organisation_or_a_period_in_the_plan_is_served_at_once(client, real_plan):
    client.get("/data/actions.csv")
    before = client.get("/data/actions.json")
    document = json.loads(PLAN_FIXTURE.read_text(encoding="utf-8"))
    for organisation in document["organisations"]:
        if organisation["slug"] == "heiw":
            organisation["name"] = "Health Education and Improvement Wales (renamed)"
    document["plan"]["periods"][0]["label"] = "Throughout 2024"
    plan_load(document=document)

    after = client.get("/data/actions.json")
    assert after["ETag"] != before["ETag"]
    by_number = {a["number"]: a for a in after.json()["actions"]}
    names = {o["organisation"]: o["name"] for o in by_number[20]["owners"]}
    assert names["heiw"] == "Health Education and Improvement Wales (renamed)"
    assert by_number[1]["period_label"] == "Throughout 2024"
    rows = {int(r["number"]): r for r in _csv_rows(client.get("/data/actions.csv"))}
    assert "(renamed)" in rows[20]["owners"]
    assert rows[1]["period_label"] == "Throughout 2024"


def test_each_filter_and_format_has_its_own_etag_and_body(client, real_plan):
    responses = [
        client.get("/data/actions.json"),
        client.get("/data/actions.json", {"theme": "3"}),
        client.get("/data/actions.json", {"theme": "3", "period": "2024"}),
        client.get("/data/actions.csv", {"theme": "3"}),
    ]
    assert len({r["ETag"] for r in responses}) == 4
    assert len({r.content for r in responses}) == 4
    # The open data is English whatever the browser asks for (labels are documented in English).
    welsh_browser = client.get("/data/actions.json", headers={"accept-language": "cy"})
    assert welsh_browser.content == responses[0].content
    # Parameters that are not filters do not split the cache.
    assert (
        client.get("/data/actions.json", {"theme": "3", "page": "2"})["ETag"]
        == client.get("/data/actions.json", {"theme": "3"})["ETag"]
    )


def test_records_match_the_actions_sub_points_and_owners_in_the_database(client, real_plan):
    records = {a["number"]: a for a in client.get("/data/actions.json").json()["actions"]}
    for action in Action.objects.prefetch_related("sub_points", "owners__organisation"):
        record = records[action.number]
        assert record["sub_points"] == [p.text_en for p in action.sub_points.all()]
        assert record["sub_points_cy"] == [p.text_cy or None for p in action.sub_points.all()]
        assert [(o["organisation"], o["role"]) for o in record["owners"]] == [
            (o.organisation.slug, o.role) for o in action.owners.all()
        ]
        assert record["url"] == action.get_absolute_url()
        assert record["status_label"] == action.get_status_display()


@pytest.mark.parametrize(
    "model",
    [
        Action,
        ActionSubPoint,
        ActionOwner,
        Organisation,
        DeliveryPlan,
        DeliveryPeriod,
        Theme,
        Strategy,
    ],
    ids=lambda model: model.__name__,
)
def test_saving_any_row_the_export_shows_or_filters_by_changes_the_etag(client, real_plan, model):
    before = client.get("/data/actions.json", {"theme": "3"})
    model.objects.first().save()
    after = client.get(
        "/data/actions.json", {"theme": "3"}, headers={"if-none-match": before["ETag"]}
    )
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


def test_a_304_carries_the_etag_and_the_caching_rules(client, real_plan):
    first = client.get("/data/actions.json")
    not_modified = client.get("/data/actions.json", headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == first["ETag"]
    assert not_modified["Cache-Control"] == first["Cache-Control"] == "public, no-cache"
