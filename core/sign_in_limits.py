"""Limits on guessing passwords, on top of django-axes.

Two limits at once: a few failures for one user name from one address (the usual mistyping
limit), and a higher one for one user name from all addresses together, so that guesses spread
over many addresses still lock the name, while a single stranger cannot lock a named Editor out
at will with five tries. Axes counts one number against one limit, so the name-wide count is
scaled onto the per-address limit: with 5 and 20, twenty failures anywhere count as five.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class AddressAndNameHandler(AxesDatabaseHandler):
    """Axes' database handler, with the name-wide limit (settings.AXES_USERNAME_FAILURE_LIMIT).

    Needs AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]: axes then gives
    one attempt list per parameter group, in that order."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        by_address, by_name = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        per_address = settings.AXES_FAILURE_LIMIT
        return max(by_address, by_name * per_address // settings.AXES_USERNAME_FAILURE_LIMIT)


def client_address(request: HttpRequest) -> str | None:
    """The address of the person signing in.

    X-Forwarded-For is believed only when the request comes from one of our own reverse proxies
    (settings.TRUSTED_PROXIES); anyone else could write any address there. Reading the header from
    the right, the first address that is not one of our proxies is the client's.
    """
    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.TRUSTED_PROXIES
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for address in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if address not in trusted:
            return address
    return remote
