"""Reads for single sign-on: which organisations an email address belongs to, and whom a
person without a role should ask.

Which organisation a new person belongs to is worked out, not stored: it is the one whose
allowed email domains hold the domain of the address the provider gave (Identity.email). An
Administrator confirms it by granting a role and organisation (people/ management pages); until
then the person has no membership, so no reminder, organisation page or update form treats
them as one of its people. Worked out afresh, the suggestion follows the Administrators'
current list of domains, and no schema change was needed for it.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from actions.models import Organisation
from core import roles


def email_domain(email: str) -> str:
    """The part after the last @, lower case; "" when there is none."""
    local, at, domain = (email or "").strip().rpartition("@")
    return domain.lower().strip(".") if at and local else ""


def organisations_for_email(email: str) -> list[Organisation]:
    """The organisations that list the address's domain exactly (no subdomains)."""
    domain = email_domain(email)
    if not domain:
        return []
    candidates = Organisation.objects.filter(allowed_email_domains__icontains=domain)
    return [
        organisation
        for organisation in candidates
        if domain in {d.lower().strip(".") for d in organisation.allowed_email_domains.split()}
    ]


def organisation_suggested_for(user) -> Organisation | None:
    """The person's organisation: their membership if an Administrator gave one, else the one
    organisation whose domains match an address their sign-on provider gave. Several matches
    suggest none: the Administrator chooses."""
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.organisation
    found = {}
    for email in user.identities.values_list("email", flat=True):
        for organisation in organisations_for_email(email):
            found[organisation.pk] = organisation
    return next(iter(found.values())) if len(found) == 1 else None


def administrators() -> list:
    """The active Administrators, by name, for people to ask for a role."""
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=roles.ADMINISTRATOR) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return list(people)
