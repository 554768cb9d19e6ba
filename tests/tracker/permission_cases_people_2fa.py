"""The permission matrix's cases for the second factor and password reset pages
(tests/tracker/test_permissions.py runs them).

The matrix signs people in with `force_login`, a finished sign-in with the second factor
passed (tests/conftest.py), so the two-factor pages have nothing to ask anyone and send them
on; anonymous people are sent to sign in. The password reset pages are for everyone. A person
part way through signing in is covered by tests/people/test_two_factor.py.
"""

ROLES = ["anonymous", "owner", "other_owner", "sig", "editor", "administrator"]

_SENT_ON = {role: 302 for role in ROLES}
_OPEN = {role: 200 for role in ROLES}

TWO_FACTOR_CASES = [
    ("two-factor code", "get", lambda w: "/two-factor/", None, _SENT_ON),
    (
        "two-factor code sent",
        "post",
        lambda w: "/two-factor/",
        lambda w: {"code": "123456"},
        _SENT_ON,
    ),
    ("two-factor set up", "get", lambda w: "/two-factor/set-up/", None, _SENT_ON),
    (
        "two-factor set up sent",
        "post",
        lambda w: "/cy/two-factor/set-up/",
        lambda w: {"code": "123456"},
        _SENT_ON,
    ),
    ("password reset", "get", lambda w: "/password-reset/", None, _OPEN),
    ("password reset Welsh", "get", lambda w: "/cy/password-reset/", None, _OPEN),
    ("password reset sent", "get", lambda w: "/password-reset/sent/", None, _OPEN),
    ("password reset link", "get", lambda w: "/password-reset/MQ/not-a-token/", None, _OPEN),
    ("password reset done", "get", lambda w: "/password-reset/done/", None, _OPEN),
]
