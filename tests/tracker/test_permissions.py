"""Role × view × method. The server checks every request; hidden buttons are not a check."""

import pytest
from django.utils import timezone

from actions.models import Action, Organisation, ProgressUpdate
from actions.quarters import quarter_of
from measures.models import Indicator, Observation
from tests.factories import UserFactory, owner_of
from tests.tracker.permission_cases_email import EMAIL_CASES
from tests.tracker.permission_cases_people import PEOPLE_CASES
from tests.tracker.permission_cases_people_2fa import TWO_FACTOR_CASES
from tests.tracker.permission_cases_people_sso import SSO_CASES
from tests.tracker.permission_cases_sig import SIG_CASES, _meetings

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other_owner", "sig", "editor", "administrator"]


@pytest.fixture
def world(real_plan):
    """Action 20 (HEIW partners it), one submitted update on it, people in every role."""
    action = Action.objects.get(plan=real_plan, number=20)
    people = {
        "anonymous": None,
        "owner": owner_of(Organisation.objects.get(slug="heiw")),
        "other_owner": owner_of(Organisation.objects.get(slug="welsh-government")),
        "sig": UserFactory(role="SIG member", is_staff=True),
        "editor": UserFactory(role="Editor", is_staff=True),
        "administrator": UserFactory(role="Administrator", is_staff=True, is_superuser=True),
    }
    update = ProgressUpdate.objects.create(
        action=action,
        status="on_track",
        summary_en="Submitted by the owner.",
        quarter=quarter_of(timezone.localdate()).code,
        submitted_by=people["owner"],
    )
    indicator = Indicator.objects.get(theme__number=1, position=1)
    observation = Observation.objects.create(
        indicator=indicator, period="2024", period_end="2024-12-31", value=66, source_en="S"
    )
    return {
        "action": action,
        "people": people,
        "update": update,
        "indicator": indicator,
        "observation": observation,
        **_meetings(people),
    }


def _update_form(action) -> dict:
    action.refresh_from_db()
    return {
        "base_version": action.version,
        "status": "on_track",
        "summary_en": "A matrix update.",
        "quarter": quarter_of(timezone.localdate()).code,
    }


# (name, method, url builder, data builder, expected status per role)
CASES = (
    SIG_CASES
    + TWO_FACTOR_CASES
    + EMAIL_CASES
    + SSO_CASES
    + [
        (
            "my actions",
            "get",
            lambda w: "/staff/",
            None,
            {
                "anonymous": 302,
                "owner": 200,
                "other_owner": 200,
                "sig": 200,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "update form",
            "get",
            lambda w: "/staff/actions/2024-2027/20/update/",
            None,
            {
                "anonymous": 302,
                "owner": 200,
                "other_owner": 403,
                "sig": 403,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "submit update",
            "post",
            lambda w: "/staff/actions/2024-2027/20/update/",
            lambda w: _update_form(w["action"]),
            {
                "anonymous": 302,
                "owner": 302,
                "other_owner": 403,
                "sig": 403,
                "editor": 302,
                "administrator": 302,
            },
        ),
        (
            "review queue",
            "get",
            lambda w: "/staff/updates/",
            None,
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 403,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "read an update",
            "get",
            lambda w: f"/staff/updates/{w['update'].pk}/",
            None,
            {
                "anonymous": 302,
                "owner": 200,
                "other_owner": 403,
                "sig": 200,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "approve an update",
            "post",
            lambda w: f"/staff/updates/{w['update'].pk}/",
            lambda w: {"decision": "approve", "comment": ""},
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 403,
                "editor": 302,
                "administrator": 302,
            },
        ),
        (
            "new value form",
            "get",
            lambda w: f"/staff/indicators/{w['indicator'].pk}/values/new/",
            None,
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 403,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "record a value",
            "post",
            lambda w: f"/staff/indicators/{w['indicator'].pk}/values/new/",
            lambda w: {"period": "2025", "value": "70", "source_en": "Survey", "status": "final"},
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 403,
                "editor": 302,
                "administrator": 302,
            },
        ),
        (
            "change a value",
            "post",
            lambda w: f"/staff/values/{w['observation'].pk}/edit/",
            lambda w: {
                "period": "2024",
                "value": "67",
                "source_en": "S",
                "status": "final",
                "base_version": 0,
            },
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 403,
                "editor": 302,
                "administrator": 302,
            },
        ),
        (
            "upload page",
            "get",
            lambda w: "/staff/import/",
            None,
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 403,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "audit trail",
            "get",
            lambda w: "/staff/audit/",
            None,
            {
                "anonymous": 302,
                "owner": 403,
                "other_owner": 403,
                "sig": 200,
                "editor": 200,
                "administrator": 200,
            },
        ),
        (
            "admin list of actions",
            "get",
            lambda w: "/admin/actions/action/",
            None,
            {
                "anonymous": 302,
                "owner": 302,
                "other_owner": 302,
                "sig": 200,
                "editor": 200,
                "administrator": 200,
            },
        ),
    ]
)
CASES += PEOPLE_CASES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_role_view_method_matrix(client, world, role, name, method, url, data, expected):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    response = getattr(client, method)(url(world), data(world) if data else None)
    assert response.status_code == expected[role], (role, name)
    if expected[role] == 302 and role == "anonymous":
        assert "/sign-in/" in response["Location"] or "/admin/login/" in response["Location"]


def test_forged_post_from_another_organisation_writes_nothing(client, world):
    client.force_login(world["people"]["other_owner"])
    before = ProgressUpdate.objects.count()
    client.post("/staff/actions/2024-2027/20/update/", _update_form(world["action"]))
    assert ProgressUpdate.objects.count() == before


def test_sig_member_cannot_change_anything_in_the_admin(client, world):
    client.force_login(world["people"]["sig"])
    action = world["action"]
    response = client.post(f"/admin/actions/action/{action.pk}/change/", {"text_en": "Changed"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.text_en.startswith("Continue to work jointly with HEIW")


def test_progress_updates_cannot_be_edited_in_the_admin_even_by_administrators(client, world):
    client.force_login(world["people"]["administrator"])
    update = world["update"]
    response = client.post(
        f"/admin/actions/progressupdate/{update.pk}/change/", {"summary_en": "Rewritten"}
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.summary_en == "Submitted by the owner."


def test_owner_cannot_read_internal_notes_of_other_peoples_updates(client, world):
    client.force_login(world["people"]["other_owner"])
    assert client.get(f"/staff/updates/{world['update'].pk}/").status_code == 403
