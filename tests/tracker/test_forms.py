"""Every form page: aria-describedby ids exist, GOV.UK wording, and no input gives a 500."""

from html.parser import HTMLParser

import pytest
from django.utils import timezone

from actions.models import Action, ActionOwner, ProgressUpdate
from actions.quarters import quarter_of
from measures.models import Indicator, Observation
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for target in (attrs.get("aria-describedby") or "").split():
            self.described.append((tag, target))


def _missing_ids(body: str) -> list[tuple[str, str]]:
    parser = _Ids()
    parser.feed(body)
    return [(tag, target) for tag, target in parser.described if target not in parser.ids]


@pytest.fixture
def action_20(real_plan):
    return Action.objects.select_related("plan").get(plan=real_plan, number=20)


@pytest.fixture
def pending_update(action_20):
    """A submitted update waiting for review, so the review form shows."""
    heiw = ActionOwner.objects.get(action=action_20, organisation__slug="heiw").organisation
    from django.test import Client

    owner = Client()
    owner.force_login(owner_of(heiw))
    response = owner.post(
        "/staff/actions/2024-2027/20/update/",
        {
            "base_version": action_20.version,
            "status": "on_track",
            "summary_en": "Framework refreshed.",
            "quarter": quarter_of(timezone.localdate()).code,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ProgressUpdate.objects.get(action=action_20)


@pytest.fixture
def value(real_plan):
    return Observation.objects.create(
        indicator=Indicator.objects.get(theme__number=1, position=1),
        period="2024",
        period_end="2024-12-31",
        value=60,
        source_en="Survey",
    )


def _form_pages(value, pending_update) -> dict[str, str]:
    """Every page with a form an Editor fills in, by a short name for the test ids."""
    return {
        "update": "/staff/actions/2024-2027/20/update/",
        "review": f"/staff/updates/{pending_update.pk}/",
        "value-new": f"/staff/indicators/{value.indicator_id}/values/new/",
        "value-edit": f"/staff/values/{value.pk}/edit/",
        "import": "/staff/import/",
        "reports": "/staff/reports/",
    }


# Junk for every field name any staff form has; each form reads the names it knows.
JUNK = {
    "empty": {},
    "long": {
        name: "x" * 5000
        for name in [
            "period",
            "value",
            "breakdown",
            "breakdown_label_en",
            "source_en",
            "notes_en",
            "status",
            "summary_en",
            "status_reason",
            "quarter",
            "evidence_links",
            "next_steps",
            "internal_note",
            "date_change_reason",
            "decision",
            "comment",
            "plan",
            "year",
            "languages",
            "introduction_en",
            "change_note",
            "kind",
            "revised_target_date_day",
            "revised_target_date_month",
            "revised_target_date_year",
            "as_at_day",
            "as_at_month",
            "as_at_year",
            "base_version",
        ]
    },
    "wrong types": {
        "value": "twelve",
        "year": "MMXXV",
        "base_version": "-3",
        "status": ["final", "provisional"],
        "languages": "xx",
        "file": "not a file",
    },
    "bad dates": {
        "revised_target_date_day": "31",
        "revised_target_date_month": "2",
        "revised_target_date_year": "2026",
        "as_at_day": "0",
        "as_at_month": "-1",
        "as_at_year": "99999999999999999999",
        "period": "2023-13",
    },
    "unknown choices": {
        "status": "splendid",
        "quarter": "1999-Q7",
        "decision": "maybe",
        "plan": "1066-1067",
        "kind": "everything",
        "languages": ["en", "fr"],
    },
    "breakdown without label": {
        "period": "2024",
        "value": "12",
        "breakdown": "care-homes",
        "source_en": "Survey",
        "status": "final",
    },
    "nul and odd characters": {"period": "20\x0024", "value": "1e999", "summary_en": "\u202e😀"},
}


@pytest.mark.parametrize("junk", list(JUNK))
def test_no_staff_form_answers_500_to_junk(client, value, pending_update, junk):
    client.force_login(UserFactory(role="Editor"))
    for name, url in _form_pages(value, pending_update).items():
        # The test client raises any exception a view lets out, so a 500 fails here.
        response = client.post(url, JUNK[junk])
        assert response.status_code in (200, 400, 409), (name, junk, response.status_code)
        body = response.content.decode()
        assert "There is a problem" in body or "Nothing was saved" in body, (name, junk)
        assert "This field is required" not in body, (name, junk)


def test_dashboard_filter_and_sign_in_refuse_junk_without_a_500(client, real_plan):
    for since in ("31-02-2025", "2025-02-31", "x" * 5000, "\x00"):
        response = client.post("/sign-in/", {"username": since, "password": ""})
        assert response.status_code == 200 and "There is a problem" in response.content.decode()
    client.force_login(UserFactory(role="Editor"))
    for params in (
        {"since": "2025-02-31"},
        {"since_day": "31", "since_month": "2", "since_year": "2025"},
        {"since_day": "x", "since_month": "", "since_year": ""},
    ):
        response = client.get("/staff/dashboard/", params)
        assert response.status_code == 400, params
        assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("with_errors", [False, True], ids=["blank", "with-errors"])
def test_every_aria_describedby_names_an_id_on_the_page(
    client, value, pending_update, language, with_errors
):
    prefix = "/cy" if language == "cy" else ""
    pages = {"sign-in": "/sign-in/"}
    checked = []
    for name, url in pages.items():
        response = client.post(prefix + url, {}) if with_errors else client.get(prefix + url)
        checked.append((name, response))
    client.force_login(UserFactory(role="Editor"))
    for name, url in _form_pages(value, pending_update).items():
        response = client.post(prefix + url, {}) if with_errors else client.get(prefix + url)
        checked.append((name, response))
    dashboard = {"since": "2025-02-31"} if with_errors else {}
    checked.append(("dashboard", client.get(prefix + "/staff/dashboard/", dashboard)))
    for name, response in checked:
        body = response.content.decode()
        assert response.status_code in (200, 400), (name, response.status_code)
        assert ("app-error-summary" in body) == with_errors, name
        # Sign-in has no hints, so its fields point at nothing until there is an error.
        assert "aria-describedby" in body or (name == "sign-in" and not with_errors), name
        assert not _missing_ids(body), (name, _missing_ids(body))


def test_error_summary_links_to_an_input_for_every_error(client, value, pending_update):
    client.force_login(UserFactory(role="Editor"))
    for name, url in _form_pages(value, pending_update).items():
        body = client.post(url, JUNK["unknown choices"]).content.decode()
        parser = _Ids()
        parser.feed(body)
        summary = body.split('class="app-error-summary"', 1)[1].split("</div>", 1)[0]
        targets = [part.split('"', 1)[0] for part in summary.split('href="#')[1:]]
        assert targets, name
        assert all(target in parser.ids for target in targets), (name, targets)


@pytest.mark.parametrize(
    ("url", "data", "messages"),
    [
        (
            "value-new",
            {},
            ["Enter the period, for example 2024 or 2024-25", "Enter the value"],
        ),
        ("value-new", {"status": "splendid"}, ["Select provisional or final"]),
        ("update", {}, ["Select a status", "Enter a summary of progress in English"]),
        ("review", {}, ["Select your decision"]),
        ("import", {}, ["Select what the file contains", "Select a file"]),
        ("reports", {"year": "", "as_at_day": ""}, ["Enter the date the report is as at"]),
    ],
)
def test_errors_use_govuk_wording(client, value, pending_update, url, data, messages):
    client.force_login(UserFactory(role="Editor"))
    body = client.post(_form_pages(value, pending_update)[url], data).content.decode()
    for message in messages:
        assert message in body
    assert "This field is required" not in body


def test_sign_in_errors_are_named_and_linked(client, real_plan):
    body = client.post("/sign-in/", {"username": "", "password": ""}).content.decode()
    assert "Enter your user name" in body and "Enter your password" in body
    assert 'href="#id_username"' in body and 'id="id_username_error"' in body
