"""The audit trail keeps who changed what, including people's accounts and roles; it can be
filtered by who, what and when and downloaded; and nobody who has acted can be deleted."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from core.roles import roles_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    admin = UserFactory(username="ada", role="Administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def _change_roles(client, person: User, roles: list[str]) -> None:
    """Save the person's account in the admin with these roles, as an Administrator would."""
    groups = roles_ensure()
    response = client.post(
        f"/admin/auth/user/{person.pk}/change/",
        {
            "username": person.username,
            "email": person.email,
            "is_active": "on",
            "groups": [groups[role].pk for role in roles],
            "date_joined_0": "2025-01-01",
            "date_joined_1": "09:00:00",
            "initial-date_joined_0": "2025-01-01",
            "initial-date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_role_change_in_the_admin_is_recorded_with_who_made_it(client, administrator):
    gwen = UserFactory(username="gwen", role="Action owner")
    _change_roles(client, gwen, ["Editor"])
    latest = gwen.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == administrator
    assert [row.group.name for row in latest.historicaluser_groups_set.all()] == ["Editor"]
    body = client.get("/staff/audit/?kind=people&who=ada").content.decode()
    assert "Account and roles: gwen; roles: Editor" in body


def test_filters_narrow_by_who_what_and_when_and_the_count_matches_the_download(
    client, administrator
):
    for n in range(3):
        UserFactory(username=f"new-{n}", role="Editor")
    _change_roles(client, User.objects.get(username="new-0"), ["SIG member"])
    today = timezone.localdate().isoformat()
    # Counted independently: the account history rows the Administrator wrote (the admin saves
    # the account, then its roles, each a row).
    expected = User.history.filter(history_user=administrator).count()
    assert expected >= 1
    page = client.get(f"/staff/audit/?who=ada&kind=people&since={today}&until={today}")
    body = page.content.decode()
    assert f"{expected} change{'s' if expected > 1 else ''} match" in body
    assert "Account and roles: new-0; roles: SIG member" in body
    download = client.get(f"/staff/audit/?who=ada&kind=people&since={today}&format=csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Who", "What", "Item", "Change"]
    assert len(rows) - 1 == expected
    assert {row[1] for row in rows[1:]} == {"ada"}
    # Yesterday's changes: none, and the page says so.
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    body = client.get(f"/staff/audit/?until={yesterday}").content.decode()
    assert "No changes match these filters." in body


@pytest.mark.parametrize(
    "query",
    ["since=31-02-2025", "until=2025-13-01", "kind=nonsense", "since=2025-05-01&until=2025-04-01"],
)
def test_bad_filters_get_an_error_not_a_500(client, administrator, query):
    response = client.get(f"/staff/audit/?{query}")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_someone_who_has_acted_is_deactivated_never_deleted(client, administrator):
    from simple_history.models import HistoricalRecords

    acted = UserFactory(username="acted", role="Editor")
    never = UserFactory(username="never")
    # "acted" changes someone's roles, as a request of theirs would (the history middleware
    # names the request's user as the one who made the change).
    HistoricalRecords.thread.request = type("Request", (), {"user": acted})()
    try:
        never.groups.add(Group.objects.get(name="Editor"))
    finally:
        del HistoricalRecords.thread.request
    assert User.history.filter(history_user=acted).exists()
    assert client.get(f"/admin/auth/user/{acted.pk}/delete/").status_code == 403
    # Someone whose name is on no record may still be deleted (a mistaken account).
    assert client.get(f"/admin/auth/user/{never.pk}/delete/").status_code == 200
    # The bulk action that would skip the check is not offered.
    assert "delete_selected" not in client.get("/admin/auth/user/").content.decode()


def test_moving_an_owner_to_another_organisation_in_the_admin_is_recorded(
    client, administrator, real_plan
):
    from actions.models import Organisation, OrganisationMembership
    from tests.factories import owner_of

    owner = owner_of(Organisation.objects.get(slug="welsh-government"), username="owen")
    membership = OrganisationMembership.objects.get(user=owner)
    heiw = Organisation.objects.get(slug="heiw")
    response = client.post(
        f"/admin/actions/organisationmembership/{membership.pk}/change/",
        {"user": owner.pk, "organisation": heiw.pk},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    latest = membership.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.organisation_id) == (administrator, heiw.pk)
    body = client.get("/staff/audit/?kind=memberships&who=ada").content.decode()
    assert f"Organisation membership: owen – {heiw.name}" in body
