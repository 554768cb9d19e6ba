"""The history of people's accounts and roles: every change to a user and to the groups
(roles) they are in is recorded with who made it and when, and shown in the audit trail.

Passwords and sign-in times are left out: a password hash has no place in a history table, and
every sign-in would otherwise add a row.
"""

from django.contrib.auth import get_user_model
from simple_history import register

User = get_user_model()

register(
    User,
    app="core",
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)
