"""The provider's accounts, shared by its setup command, its claims and the tests."""

from dataclasses import dataclass

PASSWORD = "provider-password-1"  # noqa: S105 (a test provider's only password)
TENANT = "9c1f0a9e-0000-4000-8000-000000000001"
CLIENT_ID = "workforce-tracker"
CLIENT_SECRET = "tracker-client-secret"  # noqa: S105 (test provider)


@dataclass(frozen=True)
class Account:
    username: str
    email: str
    given_name: str = ""
    family_name: str = ""
    email_verified: bool = True
    # Entra ID style: the ID token carries the tenant and object ids as well as `sub`.
    object_id: str = ""
    # The provider signs this account's ID tokens with an expiry an hour in the past.
    expired: bool = False


ACCOUNTS = {
    account.username: account
    for account in [
        Account("new-member", "nia.hughes@heiw.nhs.wales", "Nia", "Hughes"),
        Account("journey-member", "rhys.evans@heiw.nhs.wales", "Rhys", "Evans"),
        Account("outsider", "sam@example.com", "Sam", "Smith"),
        Account("expired", "late.token@heiw.nhs.wales", "Lowri", "Jones", expired=True),
        Account(
            "entra-member",
            "entra.person@heiw.nhs.wales",
            "Elin",
            "Price",
            object_id="2d4e6f80-0000-4000-8000-00000000000a",
        ),
        Account("verified-existing", "existing.editor@heiw.nhs.wales", "Dewi", "Morgan"),
        Account(
            "unverified-existing",
            "existing.owner@heiw.nhs.wales",
            "Carys",
            "Bowen",
            email_verified=False,
        ),
    ]
}
