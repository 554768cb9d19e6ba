"""/staff/welsh/ counts each kind of text by the state of its Welsh, exactly, and lists what
needs work with the English marked as English."""

import re

from actions.models import Action
from tests.factories import UserFactory
from themes.models import Theme


def _count(body: str, kind: str, state: str) -> int:
    """The number in the states table for one kind and state (0 when it is not a link)."""
    link = re.search(rf'href="\?kind={re.escape(kind)}&amp;state={state}#texts">(\d+)</a>', body)
    return int(link.group(1)) if link else 0


def test_the_loaded_plan_has_welsh_for_every_action_and_theme(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    body = client.get("/staff/welsh/").content.decode()
    assert _count(body, "actions.action", "missing") == 0
    assert _count(body, "themes.theme", "missing") == 0
    assert _count(body, "actions.action", "tracker") == Action.objects.count()


def test_staff_see_which_welsh_texts_are_missing(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    Action.objects.filter(number__in=[1, 2, 3]).update(text_cy="")
    Theme.objects.filter(number=4).update(ambition_cy="")
    body = client.get("/staff/welsh/").content.decode()
    assert _count(body, "actions.action", "missing") == 3
    assert _count(body, "themes.theme", "missing") == 1
    # The list it links to shows the same count.
    listed = client.get("/staff/welsh/?kind=actions.action&state=missing").content.decode()
    assert "(3)</h2>" in listed
    assert listed.count('<td lang="en">') == 3


def test_only_editors_reach_the_page(client, real_plan):
    client.force_login(UserFactory(role="SIG member"))
    assert client.get("/cy/staff/welsh/").status_code == 403


def test_people_who_cannot_use_the_admin_get_no_links_to_it(client, real_plan):
    editor = UserFactory(role="Editor")
    assert not editor.is_staff
    client.force_login(editor)
    Action.objects.filter(number=1).update(text_cy="")
    body = client.get("/cy/staff/welsh/").content.decode()
    assert "/admin/" not in body.split("<main", 1)[1]
    assert '<td lang="en">' in body


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
    assert _count(body, "actions.action", "missing") == Action.objects.count()
