"""Who may manage whom: Editors manage action owners only; nobody grants a role above their
own or changes their own account; a stale page is refused; deactivation keeps the account."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from actions.models import Organisation, OrganisationMembership
from core.errors import NotAllowed
from core.roles import ACTION_OWNER, ADMINISTRATOR, EDITOR, SIG_MEMBER, roles_ensure
from people import services
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(real_plan):
    roles_ensure()
    heiw = Organisation.objects.get(slug="heiw")
    return {
        "heiw": heiw,
        "wg": Organisation.objects.get(slug="welsh-government"),
        "admin": UserFactory(username="ada", role=ADMINISTRATOR),
        "editor": UserFactory(username="ed", role=EDITOR),
        "other_editor": UserFactory(username="eve", role=EDITOR),
        "sig": UserFactory(username="sam", role=SIG_MEMBER),
        "owner": owner_of(heiw, username="owen"),
        "no_role": UserFactory(username="newcomer"),
    }


def _base(person) -> str:
    return services.person_base(User.objects.get(pk=person.pk))


def _roles(person) -> list[str]:
    return sorted(User.objects.get(pk=person.pk).groups.values_list("name", flat=True))


def test_an_editor_invites_action_owners_but_no_other_role(client, world):
    client.force_login(world["editor"])
    form = client.get("/staff/people/invite/").context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [ACTION_OWNER]
    for role in (EDITOR, ADMINISTRATOR, SIG_MEMBER):
        response = client.post(
            "/staff/people/invite/",
            {"email": "x@example.org", "role": role, "organisation": world["heiw"].pk},
        )
        assert response.status_code == 400, role
        with pytest.raises(NotAllowed):
            services.invitation_create(
                actor=world["editor"], email="x@example.org", role=role, organisation=None
            )
    response = client.post(
        "/staff/people/invite/",
        {"email": "x@example.org", "role": ACTION_OWNER, "organisation": world["heiw"].pk},
    )
    assert response.status_code == 302


def test_an_editor_moves_an_action_owner_and_gives_a_new_account_the_owner_role(client, world):
    client.force_login(world["editor"])
    owner = world["owner"]
    response = client.post(
        f"/staff/people/{owner.pk}/",
        {"base": _base(owner), "role": ACTION_OWNER, "organisation": world["wg"].pk},
    )
    assert response.status_code == 302
    assert OrganisationMembership.objects.get(user=owner).organisation == world["wg"]
    newcomer = world["no_role"]
    response = client.post(
        f"/staff/people/{newcomer.pk}/",
        {"base": _base(newcomer), "role": ACTION_OWNER, "organisation": world["heiw"].pk},
    )
    assert response.status_code == 302
    assert _roles(newcomer) == [ACTION_OWNER]


def test_an_editor_cannot_grant_editor_or_change_other_roles(client, world):
    client.force_login(world["editor"])
    owner = world["owner"]
    response = client.post(
        f"/staff/people/{owner.pk}/",
        {"base": _base(owner), "role": EDITOR, "organisation": world["heiw"].pk},
    )
    assert response.status_code == 400  # not among the choices offered
    with pytest.raises(NotAllowed):
        services.person_update(
            actor=world["editor"],
            person=owner,
            role=EDITOR,
            organisation=world["heiw"],
            base=_base(owner),
        )
    assert _roles(owner) == [ACTION_OWNER]
    for name in ("other_editor", "sig", "admin"):
        person = world[name]
        page = client.get(f"/staff/people/{person.pk}/")
        assert page.status_code == 200 and page.context["form"] is None
        assert "Deactivate the account" not in page.content.decode()
        response = client.post(
            f"/staff/people/{person.pk}/",
            {"base": _base(person), "role": ACTION_OWNER, "organisation": world["heiw"].pk},
        )
        assert response.status_code == 403, name
        response = client.post(
            f"/staff/people/{person.pk}/active/", {"base": _base(person), "active": "0"}
        )
        assert response.status_code == 403, name
        assert User.objects.get(pk=person.pk).is_active


def test_nobody_changes_their_own_role_or_deactivates_themselves(client, world):
    for name in ("admin", "editor"):
        me = world[name]
        client.force_login(me)
        response = client.post(
            f"/staff/people/{me.pk}/",
            {"base": _base(me), "role": ADMINISTRATOR, "organisation": ""},
        )
        assert response.status_code == 403
        response = client.post(f"/staff/people/{me.pk}/active/", {"base": _base(me), "active": "0"})
        assert response.status_code == 403
        with pytest.raises(NotAllowed):
            services.person_update(
                actor=me, person=me, role=ADMINISTRATOR, organisation=None, base=_base(me)
            )
        assert User.objects.get(pk=me.pk).is_active
    assert _roles(world["editor"]) == [EDITOR]


def test_an_administrator_grants_any_role_and_an_owner_needs_an_organisation(client, world):
    client.force_login(world["admin"])
    sig = world["sig"]
    response = client.post(
        f"/staff/people/{sig.pk}/", {"base": _base(sig), "role": ACTION_OWNER, "organisation": ""}
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert _roles(sig) == [SIG_MEMBER]
    response = client.post(
        f"/staff/people/{sig.pk}/", {"base": _base(sig), "role": EDITOR, "organisation": ""}
    )
    assert response.status_code == 302
    assert _roles(sig) == [EDITOR]


def test_a_superusers_role_is_changed_only_in_the_administration(client, world):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(world["admin"])
    response = client.post(
        f"/staff/people/{root.pk}/", {"base": _base(root), "role": EDITOR, "organisation": ""}
    )
    assert response.status_code == 400
    assert "superuser" in response.content.decode()


def test_a_page_opened_before_someone_elses_change_is_refused(client, world):
    owner = world["owner"]
    stale = _base(owner)
    client.force_login(world["admin"])
    response = client.post(
        f"/staff/people/{owner.pk}/",
        {"base": stale, "role": ACTION_OWNER, "organisation": world["wg"].pk},
    )
    assert response.status_code == 302
    client.force_login(world["editor"])
    response = client.post(f"/staff/people/{owner.pk}/active/", {"base": stale, "active": "0"})
    assert response.status_code == 409
    assert "Someone else changed this person" in response.content.decode()
    assert User.objects.get(pk=owner.pk).is_active
    response = client.post(
        f"/staff/people/{owner.pk}/",
        {"base": stale, "role": ACTION_OWNER, "organisation": world["heiw"].pk},
    )
    assert response.status_code == 409
    assert OrganisationMembership.objects.get(user=owner).organisation == world["wg"]


def test_deactivated_people_cannot_sign_in_and_are_reactivated(client, world):
    owner = world["owner"]
    client.force_login(world["editor"])
    client.post(f"/staff/people/{owner.pk}/active/", {"base": _base(owner), "active": "0"})
    assert not User.objects.get(pk=owner.pk).is_active
    client.logout()
    response = client.post("/sign-in/", {"username": "owen", "password": "correct-horse-battery"})
    assert response.status_code == 200  # the form again, not a redirect into the tracker
    client.force_login(world["editor"])
    client.post(f"/staff/people/{owner.pk}/active/", {"base": _base(owner), "active": "1"})
    assert User.objects.get(pk=owner.pk).is_active


def test_the_people_page_lists_filters_and_says_when_each_last_signed_in(client, world):
    User.objects.filter(pk=world["owner"].pk).update(
        last_login=timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 30))
    )
    User.objects.filter(pk=world["sig"].pk).update(is_active=False)
    client.force_login(world["admin"])
    body = client.get("/staff/people/").content.decode()
    assert "4 March 2026, 09:30" in body and "Never" in body
    response = client.get("/staff/people/", {"role": ACTION_OWNER})
    assert [row["person"].username for row in response.context["rows"]] == ["owen"]
    response = client.get("/staff/people/", {"organisation": world["heiw"].pk})
    assert [row["person"].username for row in response.context["rows"]] == ["owen"]
    response = client.get("/staff/people/", {"active": "no"})
    assert [row["person"].username for row in response.context["rows"]] == ["sam"]
    response = client.get("/staff/people/", {"role": "none"})
    assert "newcomer" in [row["person"].username for row in response.context["rows"]]
    assert "ada" not in [row["person"].username for row in response.context["rows"]]
    for bad in ({"role": "King"}, {"organisation": "x"}, {"active": "maybe"}, {"page": "99"}):
        response = client.get("/staff/people/", bad)
        assert response.status_code == 400, bad
        assert "There is a problem" in response.content.decode()
    assert client.get("/cy/staff/people/").status_code == 200


def test_the_start_page_links_to_people_only_for_those_it_lets_in(client, world):
    for name, shown in (("admin", True), ("editor", True), ("owner", False), ("sig", False)):
        client.force_login(world[name])
        response = client.get("/staff/", follow=True)
        assert ('href="/staff/people/"' in response.content.decode()) is shown, name


def test_an_organisations_page_lists_its_people_to_staff_only(client, world):
    url = f"/organisations/{world['heiw'].slug}/"
    assert "owen" not in client.get(url).content.decode()
    assert "Its people in the tracker" not in client.get(url).content.decode()
    client.force_login(world["owner"])
    body = client.get(url).content.decode()
    assert "Its people in the tracker (1)" in body and "owen@example.org" in body
    User.objects.filter(pk=world["owner"].pk).update(is_active=False)
    client.force_login(world["admin"])
    assert "Its people in the tracker (0)" in client.get(url).content.decode()
