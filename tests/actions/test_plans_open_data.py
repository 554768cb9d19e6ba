"""Open data across plans: every plan's actions with their descriptions and lineage, and
plan= (empty means all plans) on the exports, the list and the search."""

import csv
import io

import pytest

from tests.conftest import PLAN_SOURCE
from tests.other_plans_source import (
    commitments_2022,
    load_other_plans,
    mental_health_themes,
    words,
)
from tests.plan_source import source_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_plans(real_plan):
    load_other_plans()


def _json(client, query: str) -> dict:
    response = client.get(f"/data/actions.json?{query}")
    assert response.status_code == 200
    return response.json()


def test_all_plans_hold_every_action_of_the_three_sources(client, other_plans):
    assert PLAN_SOURCE.exists()
    data = _json(client, "plan=")
    by_plan: dict[str, list] = {}
    for record in data["actions"]:
        by_plan.setdefault(record["plan"], []).append(record)
    mental_health = [a for t in mental_health_themes() for a in t.actions]
    assert len(by_plan["2024-2027"]) == len(source_actions())
    assert len(by_plan["2022-2023"]) == len(commitments_2022())
    assert len(by_plan["mental-health-workforce"]) == len(mental_health)
    assert data["count"] == len(source_actions()) + len(commitments_2022()) + len(mental_health)


def test_open_data_gives_each_commitment_and_action_word_for_word(client, other_plans):
    commitments = _json(client, "plan=2022-2023")["actions"]
    assert [r["text"] for r in commitments] == [c.text for c in commitments_2022()]
    assert all(r["description"] == "" and r["outcome"] == "not_recorded" for r in commitments)
    records = _json(client, "plan=mental-health-workforce")["actions"]
    source = [a for t in mental_health_themes() for a in t.actions]
    assert [(words(r["text"]), words(r["description"])) for r in records] == source
    assert all(r["outcome"] is None and r["period"] is None for r in records)


def test_lineage_shows_on_both_sides_with_its_state(client, other_plans):
    by_key = {(r["plan"], r["number"]): r for r in _json(client, "plan=")["actions"]}
    assert {
        "relation": "continues",
        "state": "proposed",
        "plan": "2022-2023",
        "number": 2,
    } in by_key[("2024-2027", 4)]["lineage"]
    assert {
        "relation": "continued_by",
        "state": "proposed",
        "plan": "2024-2027",
        "number": 4,
    } in by_key[("2022-2023", 2)]["lineage"]
    linked = [r for r in by_key.values() if r["lineage"]]
    assert sum(len(r["lineage"]) for r in linked) >= 20  # ten links, seen from both ends


def test_csv_carries_description_lineage_and_outcome(client, other_plans):
    response = client.get("/data/actions.csv?plan=2022-2023")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(commitments_2022())
    assert rows[1]["lineage"].startswith("continued_by 2024-2027 4 (proposed)")
    assert {row["outcome"] for row in rows} == {"not_recorded"}
    assert "description" in rows[0]


def test_the_list_and_search_take_plan(client, other_plans):
    listed = client.get("/actions/?plan=2022-2023")
    assert listed.status_code == 200
    assert f"{len(commitments_2022())} actions found" in listed.content.decode()
    searched = client.get("/actions/?plan=&q=Canopi")
    assert searched.status_code == 200
    found = {(a.plan.slug, a.number) for a in searched.context["page"].object_list}
    assert {("2022-2023", 2), ("2024-2027", 4)} <= found
    # The search reads the mental health plan's descriptions too.
    described = _json(client, "plan=mental-health-workforce&q=Helpforce")["actions"]
    assert [r["number"] for r in described] == [6]


def test_an_unknown_plan_is_a_clear_400(client, other_plans):
    response = client.get("/data/actions.json?plan=2019-2020")
    assert response.status_code == 400
    assert "2022-2023" in response.json()["fields"]["plan"][0]
