from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    # Who may sign in and how: single sign-on identities, invitations, the people pages.
    name = "people"
    verbose_name = _("people")
