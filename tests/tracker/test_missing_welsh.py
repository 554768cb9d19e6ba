"""The missing-Welsh page counts exactly the texts whose Welsh is empty."""

from actions.models import Action
from tests.factories import UserFactory
from themes.models import Theme


def test_the_loaded_plan_has_welsh_for_every_action_and_theme(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    body = client.get("/staff/welsh/").content.decode()
    assert "Actions (0)" in body
    assert "Themes (0)" in body


def test_staff_see_which_welsh_texts_are_missing(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    Action.objects.filter(number__in=[1, 2, 3]).update(text_cy="")
    Theme.objects.filter(number=4).update(ambition_cy="")
    body = client.get("/staff/welsh/").content.decode()
    assert "Actions (3)" in body
    assert "Themes (1)" in body


def test_people_who_cannot_use_the_admin_get_no_links_to_it(client, real_plan):
    sig = UserFactory(role="SIG member")
    assert not sig.is_staff
    client.force_login(sig)
    Action.objects.filter(number=1).update(text_cy="")
    body = client.get("/cy/staff/welsh/").content.decode()
    assert "/admin/" not in body.split("<main", 1)[1]
    assert '<li lang="en">' in body


def test_admin_users_get_a_link_to_each_text(client, real_plan):
    editor = UserFactory(role="Editor", is_staff=True)
    client.force_login(editor)
    action = Action.objects.get(number=1)
    Action.objects.filter(pk=action.pk).update(text_cy="")
    body = client.get("/staff/welsh/").content.decode()
    assert f"/admin/actions/action/{action.pk}/change/" in body


def test_the_count_is_every_missing_text_not_only_those_listed(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    Action.objects.update(text_cy="")
    body = client.get("/staff/welsh/").content.decode()
    assert f"Actions ({Action.objects.count()})" in body
