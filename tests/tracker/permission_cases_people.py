"""The permission matrix's cases for the People pages and invitation links (people/views.py);
tests/tracker/test_permissions.py runs them. What each role may do to whom is tested in depth
in tests/people/test_people_roles.py."""

from actions.models import Organisation

PASSWORD = "a-long-unusual-passphrase-77"

MANAGERS_ONLY_PAGE = {
    "anonymous": 302,
    "owner": 403,
    "other_owner": 403,
    "sig": 403,
    "editor": 200,
    "administrator": 200,
}
MANAGERS_ONLY_POST = {**MANAGERS_ONLY_PAGE, "editor": 302, "administrator": 302}


def _target(w):
    """An action owner for HEIW whom Editors and Administrators may manage."""
    from tests.factories import owner_of

    if "people_target" not in w:
        w["people_target"] = owner_of(
            Organisation.objects.get(slug="heiw"), username="matrix-target"
        )
    return w["people_target"]


def _invitation(w):
    """An open invitation to be an action owner, and its token."""
    from people.services import invitation_create

    if "people_invitation" not in w:
        w["people_invitation"] = invitation_create(
            actor=w["people"]["administrator"],
            email="matrix-invited@example.org",
            role="Action owner",
            organisation=Organisation.objects.get(slug="heiw"),
        )
    return w["people_invitation"]


def _base(w, person=None) -> dict:
    from people.services import person_base

    return {"base": person_base(person or _target(w))}


PEOPLE_CASES = [
    ("people list", "get", lambda w: "/staff/people/", None, MANAGERS_ONLY_PAGE),
    ("invite form", "get", lambda w: "/staff/people/invite/", None, MANAGERS_ONLY_PAGE),
    (
        "invite an action owner",
        "post",
        lambda w: "/staff/people/invite/",
        lambda w: {
            "email": "matrix-new@example.org",
            "role": "Action owner",
            "organisation": Organisation.objects.get(slug="heiw").pk,
        },
        MANAGERS_ONLY_POST,
    ),
    ("invitations", "get", lambda w: "/staff/people/invitations/", None, MANAGERS_ONLY_PAGE),
    (
        "withdraw an invitation",
        "post",
        lambda w: f"/staff/people/invitations/{_invitation(w)[0].pk}/withdraw/",
        None,
        MANAGERS_ONLY_POST,
    ),
    (
        "re-send an invitation",
        "post",
        lambda w: f"/staff/people/invitations/{_invitation(w)[0].pk}/resend/",
        None,
        MANAGERS_ONLY_POST,
    ),
    ("person page", "get", lambda w: f"/staff/people/{_target(w).pk}/", None, MANAGERS_ONLY_PAGE),
    (
        "change a person's organisation",
        "post",
        lambda w: f"/staff/people/{_target(w).pk}/",
        lambda w: {
            **_base(w),
            "role": "Action owner",
            "organisation": Organisation.objects.get(slug="welsh-government").pk,
        },
        MANAGERS_ONLY_POST,
    ),
    (
        "deactivate a person",
        "post",
        lambda w: f"/staff/people/{_target(w).pk}/active/",
        lambda w: {**_base(w), "active": "0"},
        MANAGERS_ONLY_POST,
    ),
    (
        # Editors manage action owners only; the SIG member may not change themselves.
        "make the SIG member an Editor",
        "post",
        lambda w: f"/staff/people/{w['people']['sig'].pk}/",
        lambda w: {**_base(w, w["people"]["sig"]), "role": "Editor", "organisation": ""},
        {**MANAGERS_ONLY_POST, "editor": 403},
    ),
    (
        "invitation link",
        "get",
        lambda w: f"/people/invitations/{_invitation(w)[1]}/",
        None,
        {
            "anonymous": 200,
            "owner": 200,
            "other_owner": 200,
            "sig": 200,
            "editor": 200,
            "administrator": 200,
        },
    ),
    (
        # Signed in with another address: refused beside the form, never a 500.
        "accept an invitation",
        "post",
        lambda w: f"/people/invitations/{_invitation(w)[1]}/",
        lambda w: {"username": "matrix-invited", "password1": PASSWORD, "password2": PASSWORD},
        {
            "anonymous": 200,
            "owner": 400,
            "other_owner": 400,
            "sig": 400,
            "editor": 400,
            "administrator": 400,
        },
    ),
]
