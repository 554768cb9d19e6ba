from django.apps import AppConfig


class CoreConfig(AppConfig):
    # Installed so that Django finds its template tag libraries; it has no models.
    name = "core"
