from django.apps import AppConfig


class CoreConfig(AppConfig):
    # The history of people's accounts and roles (history.py), and each person's email choice
    # and the notices sent to them (models.py), which every app that emails people shares.
    name = "core"

    def ready(self) -> None:
        from core import history  # noqa: F401 - registers the history of accounts and roles
