"""The API shows the public only what is public: approved updates without internal notes, no
drafts, no returned updates, no unpublished reports, no internal or unminuted decisions.

Every endpoint is read, list and detail, in both languages; no answer may contain a text
marked SECRET (tests/api/public_fixtures.py), and each shows its public record.
"""

import json

import pytest

from tests.api.public_fixtures import PUBLIC_DECISION, PUBLIC_SUMMARY, public_records


@pytest.fixture
def records(real_plan):
    return public_records(real_plan)


def _addresses(records) -> list[str]:
    action, report, decision = records["action"], records["report"], records["decision"]
    return [
        "/api/v1/",
        "/api/v1/plans/",
        f"/api/v1/plans/{action.plan.slug}/",
        "/api/v1/themes/",
        "/api/v1/themes/1/",
        "/api/v1/actions/",
        "/api/v1/actions/?page_size=200",
        f"/api/v1/actions/{action.plan.slug}/{action.number}/",
        f"/api/v1/actions/{action.plan.slug}/2/",
        "/api/v1/indicators/",
        f"/api/v1/indicators/{action.plan.slug}/1.1/",
        "/api/v1/reports/",
        f"/api/v1/reports/{report.pk}/",
        "/api/v1/decisions/",
        f"/api/v1/decisions/{decision.pk}/",
    ]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_no_endpoint_shows_anything_that_is_not_public(client, records, lang):
    for address in _addresses(records):
        joiner = "&" if "?" in address else "?"
        response = client.get(f"{address}{joiner}lang={lang}")
        assert response.status_code == 200, address
        assert "SECRET" not in response.content.decode(), address
        assert "internal_note" not in response.content.decode(), address


def test_an_action_shows_its_approved_progress_only(client, records):
    action = records["action"]
    body = client.get(f"/api/v1/actions/{action.plan.slug}/{action.number}/").json()
    assert [p["summary"] for p in body["progress"]] == [PUBLIC_SUMMARY]
    assert body["status"] == "on_track"
    assert {"organisation", "name", "role", "named_in_text"} <= set(body["owners"][0])


def test_welsh_is_asked_for_by_parameter_or_header(client, records):
    action = records["action"]
    address = f"/api/v1/actions/{action.plan.slug}/{action.number}/"
    by_parameter = client.get(f"{address}?lang=cy").json()
    by_header = client.get(address, headers={"accept-language": "cy"}).json()
    assert by_parameter["progress"][0]["summary"] == f"Cymraeg: {PUBLIC_SUMMARY}"
    assert by_header == by_parameter
    assert client.get(address).json()["progress"][0]["summary"] == PUBLIC_SUMMARY


def test_an_unknown_language_is_refused_by_name(client, records):
    response = client.get("/api/v1/themes/?lang=fr")
    assert response.status_code == 400
    assert "lang" in response.json()


def test_only_published_reports_and_decisions_are_listed(client, records):
    reports = client.get("/api/v1/reports/").json()
    assert [r["id"] for r in reports["results"]] == [records["report"].pk]
    files = {f["format"]: f for f in reports["results"][0]["files"]}
    assert files["pdf"]["sha256"] == "a" * 64
    decisions = client.get("/api/v1/decisions/").json()
    assert [d["wording"] for d in decisions["results"]] == [PUBLIC_DECISION]


def test_every_plan_is_listed_unless_plan_names_one(client, records, real_plan):
    from actions.models import Action

    everything = client.get("/api/v1/actions/").json()
    assert everything["count"] == Action.objects.count()
    one = client.get(f"/api/v1/actions/?plan={real_plan.slug}&page_size=200").json()
    assert one["count"] == real_plan.actions.count()
    assert {a["plan"] for a in one["results"]} == {real_plan.slug}
    assert client.get("/api/v1/actions/?theme=99").status_code == 400


def test_answers_carry_the_licence_and_an_etag(client, records, settings):
    response = client.get("/api/v1/themes/")
    assert response["Link"] == f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    assert response.json()["licence"]["path"] == settings.OPEN_DATA_LICENCE_URL
    again = client.get("/api/v1/themes/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    assert schema["info"]["license"]["url"] == settings.OPEN_DATA_LICENCE_URL


def test_anonymous_use_over_the_rate_gets_429_with_retry_after(client, db, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    schema = json.loads(client.get("/api/v1/openapi.json").content)
    answer = schema["paths"]["/api/v1/themes/"]["get"]["responses"]["429"]
    assert "Retry-After" in answer["headers"]
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    statuses = [client.get("/api/v1/themes/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = client.get("/api/v1/themes/")
    assert int(limited["Retry-After"]) > 0


def test_the_rate_limit_is_a_setting_and_off_in_tests(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] is None
