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
