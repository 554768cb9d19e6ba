import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

TRACKER_APPS = {"themes", "actions", "measures", "reports"}


@pytest.fixture
def admin_client_real(client, real_plan):
    user = User.objects.create_superuser("root-admin", "root@example.org", "a-strong-pass-123")
    client.force_login(user)
    return client


def _tracker_models():
    return [m for m in admin.site._registry if m._meta.app_label in TRACKER_APPS]


def test_every_tracker_model_is_in_the_admin():
    from django.apps import apps

    models = {
        m
        for app in TRACKER_APPS
        for m in apps.get_app_config(app).get_models()
        # History rows are shown through each model's own "History" page.
        if not m.__name__.startswith("Historical")
    }
    assert models == set(_tracker_models())


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_admin_list_search_and_edit_page_opens(admin_client_real, language):
    prefix = "/cy" if language == "cy" else ""
    for model in _tracker_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        changelist = prefix + changelist.removeprefix("/cy")
        response = admin_client_real.get(changelist, {"q": "social"})
        assert response.status_code == 200, changelist
        assert f'lang="{language}"' in response.content.decode()
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert admin_client_real.get(change).status_code == 200, change


def test_admin_filters_actions_by_theme(admin_client_real):
    from themes.models import Theme

    theme = Theme.objects.get(number=1)
    response = admin_client_real.get("/admin/actions/action/", {"theme__id__exact": theme.pk})
    assert response.status_code == 200
    assert "10 actions" in response.content.decode()


def test_admin_needs_staff_sign_in(client):
    response = client.get("/admin/actions/action/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
