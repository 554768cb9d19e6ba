"""Single sign-on pages: start at the provider, come back, a refusal explained, and the page for
people signed in without a role.

The callback has one address in every language (it is registered with the provider), so the
language the person started in is kept in the session and used for where they land.
"""

import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core import roles
from people.sso_config import ProviderUnavailable, provider_metadata, sso_enabled
from people.sso_selectors import administrators, organisation_suggested_for
from people.sso_services import FAILED, NOT_SET_UP, REASONS, UNAVAILABLE, SignOnRefused

logger = logging.getLogger(__name__)

LANGUAGE_KEY = "sso_language"
DOMAIN_KEY = "sso_refused_domain"


def _problem_url(reason: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return f"{reverse('sso:problem')}?{urlencode({'reason': reason})}"


class SignOnStartView(OIDCAuthenticationRequestView):
    """Sends the person to the provider with a new state, nonce and PKCE challenge."""

    def __init__(self, *args, **kwargs):
        # The provider's address is discovered on the request, not when the view is built.
        View.__init__(self, *args, **kwargs)

    def get(self, request):
        if not sso_enabled():
            raise Http404
        try:
            metadata = provider_metadata()
        except ProviderUnavailable:
            return redirect(_problem_url(UNAVAILABLE))
        self.OIDC_OP_AUTH_ENDPOINT = metadata["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        request.session[LANGUAGE_KEY] = translation.get_language()
        return super().get(request)


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here; a refusal or a failed check is explained."""

    def get(self, request):
        if not sso_enabled():
            raise Http404
        self.language = request.session.get(LANGUAGE_KEY) or settings.LANGUAGE_CODE
        try:
            return super().get(request)
        except SignOnRefused as refusal:
            logger.info("Single sign-on refused: %s", refusal.reason)
            if refusal.reason == NOT_SET_UP:
                request.session[DOMAIN_KEY] = refusal.domain
            return HttpResponseRedirect(_problem_url(refusal.reason, self.language))
        except (SuspiciousOperation, ProviderUnavailable) as exc:
            # A state this browser did not start, a replayed nonce, an expired or forged token.
            logger.warning("Single sign-on failed: %s", exc)
            return HttpResponseRedirect(_problem_url(FAILED, self.language))

    @property
    def failure_url(self):
        return _problem_url(FAILED, self.language)

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next")
        if next_url:
            return next_url
        with translation.override(self.language):
            return reverse(settings.LOGIN_REDIRECT_URL)


@require_safe
def sign_on_problem(request):
    """Why single sign-on did not sign the person in, and what to do."""
    if not sso_enabled():
        raise Http404
    reason = request.GET.get("reason", "")
    if reason not in REASONS:
        reason = FAILED
    context = {
        "reason": reason,
        "domain": request.session.get(DOMAIN_KEY, ""),
        "contact_email": settings.ACCESS_REQUESTS_EMAIL,
    }
    if reason != NOT_SET_UP:
        context["domain"] = ""
    return render(request, "people/sso_problem.html", context)


@require_safe
def ask_your_administrator(request):
    """Where a person signed in without a role lands: who can give them one."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if roles.is_staff_user(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "people/ask_your_administrator.html",
        {
            "organisation": organisation_suggested_for(request.user),
            "administrators": administrators(),
            "contact_email": settings.ACCESS_REQUESTS_EMAIL,
        },
    )
