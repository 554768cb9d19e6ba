"""The permission matrix's cases for single sign-on's pages and the staff start page
(tests/tracker/test_permissions.py runs them). The matrix runs with single sign-on off, as the
test settings have it: its pages do not exist then. With it on, and for people without a role,
see tests/people/test_sso.py and tests/people/test_sso_pages.py."""

ROLES = ["anonymous", "owner", "other_owner", "sig", "editor", "administrator"]


SSO_CASES = [
    (
        "staff start",
        "get",
        lambda w: "/staff/start/",
        None,
        {role: 302 for role in ROLES},
    ),
    (
        "ask your administrator",
        "get",
        lambda w: "/ask-your-administrator/",
        None,
        # Everyone with a role is sent on to their start page; anonymous people to sign in.
        {role: 302 for role in ROLES},
    ),
    (
        "ask your administrator, Welsh",
        "get",
        lambda w: "/cy/ask-your-administrator/",
        None,
        {role: 302 for role in ROLES},
    ),
    (
        "ask your administrator, post",
        "post",
        lambda w: "/ask-your-administrator/",
        lambda w: {},
        {role: 405 for role in ROLES},
    ),
    (
        "single sign-on start, off",
        "get",
        lambda w: "/sign-on/",
        None,
        {role: 404 for role in ROLES},
    ),
    (
        "single sign-on callback, off",
        "get",
        lambda w: "/sign-on/callback/?code=x&state=y",
        None,
        {role: 404 for role in ROLES},
    ),
    (
        "single sign-on problem page, off",
        "get",
        lambda w: "/sign-on/problem/?reason=not-set-up",
        None,
        {role: 404 for role in ROLES},
    ),
]
