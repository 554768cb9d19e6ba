from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public read API, site search and feeds: they read every app, so stand above sig."""

    name = "api"
    verbose_name = _("Public API, search and feeds")
