"""The permission matrix's cases for "Your email settings" (tests/tracker/test_permissions.py
runs them): anyone signed in reads and saves their own choice; anonymous people sign in."""

URL = "/account/email-settings/"
SIGNED_IN = {role: 200 for role in ("owner", "other_owner", "sig", "editor", "administrator")}

# (name, method, url builder, data builder, expected status per role)
EMAIL_CASES = [
    ("email settings", "get", lambda w: URL, None, {"anonymous": 302, **SIGNED_IN}),
    ("email settings (Welsh)", "get", lambda w: "/cy" + URL, None, {"anonymous": 302, **SIGNED_IN}),
    (
        "save email settings",
        "post",
        lambda w: URL,
        lambda w: {"frequency": "weekly", "language": "en"},
        # Saved, then back to the page.
        {"anonymous": 302, **{role: 302 for role in SIGNED_IN}},
    ),
    (
        "save email settings with a bad answer",
        "post",
        lambda w: URL,
        lambda w: {"frequency": "hourly", "language": "fr"},
        {"anonymous": 302, **{role: 400 for role in SIGNED_IN}},
    ),
    (
        "email settings (delete)",
        "delete",
        lambda w: URL,
        None,
        {"anonymous": 405, **{role: 405 for role in SIGNED_IN}},
    ),
]
