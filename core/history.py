"""The history of people's accounts and roles: every change to a user and to the groups
(roles) they are in is recorded with who made it and when, and shown in the audit trail.

Passwords and sign-in times are left out: a password hash has no place in a history table, and
every sign-in would otherwise add a row.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from simple_history import register

User = get_user_model()

register(
    User,
    app="core",
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)

# Why an account's history row was written, kept as a code in history_change_reason and told in
# words by the audit trail (tracker/audit.py): a first sign-on through single sign-on.
SIGN_ON_CREATED = "single-sign-on"
CHANGE_REASONS = {SIGN_ON_CREATED: _("account made by single sign-on")}
