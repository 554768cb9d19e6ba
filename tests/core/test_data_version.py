"""The data version moves with every write, by every path, and only with writes we show."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from actions.models import Action, Organisation, ProgressUpdate
from actions.quarters import quarter_of
from actions.services import update_approve, update_submit
from core import data_version
from core.data_version import current_version, version_token
from reports.models import AnnualReport, ReportRun, RunStatus
from tests.factories import OrganisationFactory, UserFactory
from tracker.apps import install_data_version_triggers, versioned_tables

pytestmark = pytest.mark.django_db


def _moves(write) -> None:
    before_count, before_token = current_version(), version_token()
    write()
    assert current_version() > before_count
    assert version_token() != before_token


def test_every_table_of_our_apps_carries_the_trigger():
    tables = set(versioned_tables())
    # Every kind the brief names: content, history, many-to-many, people and roles.
    expected = {
        "themes_theme",
        "actions_action",
        "actions_historicalaction",
        "measures_observation",
        "reports_reportrun",
        "sig_decision_actions",
        "people_identity",
        "tracker_translationstate",
        "core_historicaluser",
        "auth_user",
        "auth_user_groups",
        "auth_group",
    }
    assert expected <= tables
    missing = tables - data_version.tables_with_trigger(connection)
    assert not missing, f"Tables without the data version trigger: {sorted(missing)}"


def test_tables_that_change_on_every_request_or_are_not_shown_have_no_trigger():
    have = data_version.tables_with_trigger(connection)
    for table in ("django_session", "axes_accessattempt", "django_admin_log", "django_migrations"):
        assert table not in have


def test_a_table_that_lost_its_trigger_gets_it_back_after_migrate():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER {data_version.trigger_name('themes_theme')}_U")
        else:
            name = data_version.trigger_name("themes_theme")
            cursor.execute(f'DROP TRIGGER {name} ON "themes_theme"')
    assert "themes_theme" not in data_version.tables_with_trigger(connection)
    install_data_version_triggers(using="default")
    assert "themes_theme" in data_version.tables_with_trigger(connection)
    # Again: nothing left to add.
    assert data_version.install_triggers(connection, versioned_tables()) == 0


def test_a_service_moves_it(real_plan):
    editor = UserFactory(role="Editor")
    action = real_plan.actions.get(number=5)
    update = update_submit(
        action=action,
        user=editor,
        data={
            "status": "on_track",
            "summary_en": "Under way.",
            "status_reason": "Started.",
            "quarter": quarter_of(timezone.localdate()).code,
        },
        base_version=action.version,
    )
    _moves(lambda: update_approve(update=update, user=editor))


def test_queryset_update_moves_it(real_plan):
    _moves(lambda: Action.objects.filter(plan=real_plan, number=3).update(text_cy="Testun"))


def test_raw_sql_moves_it(real_plan):
    def write():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE themes_theme SET number = number WHERE number = 1")

    _moves(write)


def test_history_pruning_moves_it(real_plan):
    action = real_plan.actions.get(number=7)
    action.text_cy = "Testun newydd"
    action.save()
    _moves(lambda: action.history.filter(history_date__lte=timezone.now()).delete())


def test_people_and_roles_move_it():
    user = UserFactory()
    _moves(lambda: user.groups.add(Group.objects.get_or_create(name="Editor")[0]))
    _moves(lambda: User.objects.filter(pk=user.pk).update(first_name="Ann"))


def test_an_admin_edit_moves_it(client):
    admin = User.objects.create_superuser("dv-admin", "dv@example.org", "a-strong-pass-123")
    client.force_login(admin)
    organisation = OrganisationFactory()

    def delete():
        response = client.post(
            f"/admin/actions/organisation/{organisation.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302

    _moves(delete)
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_import_moves_it(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    quarter = quarter_of(timezone.localdate()).code
    csv = "plan,action,quarter,status,status_reason,summary_en\n"
    csv += f"2024-2027,1,{quarter},on_track,,Done.\n"

    def upload():
        file = SimpleUploadedFile("updates.csv", csv.encode())
        response = client.post("/staff/import/", {"kind": "updates", "file": file})
        assert response.status_code == 302

    _moves(upload)
    assert ProgressUpdate.objects.filter(action__number=1, summary_en="Done.").exists()


def test_renewing_a_report_build_lease_does_not_move_it(real_plan):
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    run = ReportRun.objects.create(
        report=report, language="en", as_at=datetime.date(2024, 12, 31), status=RunStatus.BUILDING
    )
    runs = ReportRun.objects.filter(pk=run.pk)
    before = version_token()
    runs.update(lease_expires_at=timezone.now() + datetime.timedelta(minutes=1))
    assert version_token() == before
    # Any other column is shown, or decides what is: it moves.
    _moves(lambda: runs.update(status=RunStatus.FAILED))


def test_a_rolled_back_write_never_lends_its_version_to_another(real_plan):
    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Action.objects.filter(plan=real_plan, number=2).update(text_cy="Un")
        rolled_back = version_token()
        raise RuntimeError
    assert current_version() == before
    Action.objects.filter(plan=real_plan, number=2).update(text_cy="Dau")
    # The same count, other rows: the token still differs.
    assert current_version() == int(rolled_back.split(".")[1])
    assert version_token() != rolled_back


def test_the_token_names_the_database(monkeypatch):
    token = version_token()
    monkeypatch.setitem(connection.settings_dict, "NAME", "another")
    other = version_token()
    assert token.split(".")[1:] == other.split(".")[1:]
    assert token.split(".")[0] != other.split(".")[0]


def test_reading_it_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        version_token()
    with django_assert_num_queries(1):
        current_version()
