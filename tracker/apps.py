from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The apps whose tables hold what the site shows: a write to any of their tables (history
# tables and many-to-many tables included) moves the data version (core/data_version.py).
# Left out on purpose: sessions, django-axes, the admin's log, content types and migrations
# (none is shown on a page, and sessions and axes change on every sign-in).
VERSIONED_APPS = (
    "auth",
    "core",
    "tracker",
    "themes",
    "actions",
    "measures",
    "reports",
    "sig",
    "people",
)


def versioned_tables() -> list[str]:
    from django.apps import apps

    tables = {
        model._meta.db_table
        for label in VERSIONED_APPS
        if label in apps.app_configs
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables)


def install_data_version_triggers(*, using: str = "default", **kwargs) -> None:
    """After every migrate: every versioned table carries the bump trigger (idempotent), and
    the version moves, since a migration may change rows and the code that renders them."""
    from django.db import connections

    from core import data_version

    connection = connections[using]
    if data_version.TABLE not in connection.introspection.table_names():
        return
    data_version.install_triggers(connection, versioned_tables())
    data_version.bump(connection)


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Tracker")

    def ready(self) -> None:
        # Once per migrate (sender=self), after every app's migrations have run.
        post_migrate.connect(
            install_data_version_triggers, sender=self, dispatch_uid="tracker_data_version"
        )
