import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_setup_demo_prints_one_working_account_per_role(client, real_plan):
    out = StringIO()
    call_command("setup_demo", stdout=out)
    accounts = re.findall(r"user: (\S+)\s+password: (\S+)", out.getvalue())
    assert [username for username, _ in accounts] == [
        "demo-admin",
        "demo-editor",
        "demo-owner",
        "demo-sig",
    ]
    for username, password in accounts:
        response = client.post("/sign-in/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.get("/staff/").status_code == 200, username
        client.post("/sign-out/")
    owner = User.objects.get(username="demo-owner")
    assert owner.membership.organisation.slug == "heiw"
    assert owner.groups.get().name == "Action owner"
    assert not owner.is_staff
    assert User.objects.get(username="demo-sig").groups.get().name == "SIG member"


@override_settings(DEBUG=True)
def test_running_setup_demo_again_replaces_passwords_without_duplicates(real_plan):
    first, second = StringIO(), StringIO()
    call_command("setup_demo", stdout=first)
    call_command("setup_demo", stdout=second)
    assert User.objects.filter(username__startswith="demo-").count() == 4
    assert first.getvalue() != second.getvalue()


def test_setup_demo_refuses_without_debug(real_plan):
    with pytest.raises(CommandError, match="runs only with DEBUG=true"):
        call_command("setup_demo")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_setup_demo_needs_the_plan_loaded_first(no_plan):
    with pytest.raises(CommandError, match="run `python manage.py load_plan` first"):
        call_command("setup_demo", stdout=StringIO())
    assert not User.objects.exists()
