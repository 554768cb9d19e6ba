from django.apps import AppConfig


class CoreConfig(AppConfig):
    # Holds no tables of its own, only the history of people's accounts and roles (history.py).
    name = "core"

    def ready(self) -> None:
        from core import history  # noqa: F401 - registers the history of accounts and roles
