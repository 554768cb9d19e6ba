"""The second factor for local password accounts: a TOTP code from an authenticator app.

Editors and Administrators can publish, so when single sign-on is off (the organisation's own
sign-in then asks for the second factor) they give a 6-digit code after their password. Until
this session has passed that step, every page except the sign-in, sign-out, password reset and
two-factor pages sends them to it: to set up an app if they have none, otherwise to enter a code.

django-otp keeps the devices and the session's verified state (`OTPMiddleware`); a wrong code
slows the next try down (its throttling: 1, 2, 4, 8... seconds between attempts).
"""

from base64 import b32encode

import django_otp
import qrcode
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import roles
from core.forms import GovukForm
from people.sso_config import sso_enabled
from people.two_factor_services import totp_device_confirm, totp_device_start

# The accounts devtools' setup_demo makes (its DEMO_ACCOUNTS). Their passwords are printed to
# the console, so they are exempt on a development server (DEBUG on) and nowhere else.
DEMO_USERNAMES = frozenset({"demo-admin", "demo-editor", "demo-owner", "demo-sig"})

# Pages a person part way through signing in may open (URL names; the two-factor pages are
# all allowed by their namespace). The data and API answers hold public data only.
OPEN_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "healthz",
    }
)
OPEN_PATH_PREFIXES = ("/data/", "/api/", "/static/", "/media/")
NAMESPACE = "two_factor"


def demo_exempt(user) -> bool:
    return bool(settings.DEBUG) and user.get_username() in DEMO_USERNAMES


def second_factor_required(user) -> bool:
    """Editors and Administrators with a local password, when single sign-on is off."""
    return roles.is_editor(user) and not sso_enabled() and not demo_exempt(user)


def needs_second_factor(user) -> bool:
    """Signed in with a password and required to give a code, which this session has not."""
    return (
        user.is_authenticated
        and second_factor_required(user)
        and not (getattr(user, "is_verified", None) and user.is_verified())
    )


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _next_path(request) -> str:
    """Where to go once the code is given: a page on this site, else the staff start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class SecondFactorMiddleware:
    """Sends a person who still owes their second factor to set it up or to give a code.

    Installed after django-otp's OTPMiddleware, which tells whether the session is verified.
    It works in process_view, where the resolved URL name tells the open pages apart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(OPEN_PATH_PREFIXES):
            return None
        match = request.resolver_match
        if match is not None and (
            NAMESPACE in match.namespaces or match.url_name in OPEN_URL_NAMES
        ):
            return None
        if not needs_second_factor(request.user):
            return None
        step = "verify" if confirmed_device(request.user) else "setup"
        next_path = request.get_full_path() if request.method == "GET" else ""
        target = reverse(f"{NAMESPACE}:{step}")
        if not next_path:
            return redirect(target)
        return redirect_to_login(next_path, login_url=target)


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code your app shows now, for example 123456."),
        max_length=20,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "app-input app-input--width-4",
            }
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(
                _("Enter the 6 digits of the code, like 123456"), code="format"
            )
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute, then enter the code your app shows."),
                code="throttled",
            )
        # verify_token counts a wrong code towards the throttle and refuses a code used before.
        if not django_otp.verify_token(self.device.user, self.device.persistent_id, code):
            raise forms.ValidationError(
                _(
                    "That code is not right. Enter the code your app shows now; "
                    "each code works once."
                ),
                code="wrong",
            )
        return code


def qr_code_svg(data: str) -> str:
    """The QR code as inline SVG: one path of dark squares on white, drawn from qrcode's
    matrix, so nothing is fetched from elsewhere and no style is needed under our CSP."""
    code = qrcode.QRCode(border=4)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    squares = "".join(
        f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    title = escape(gettext("QR code for your authenticator app"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" '
        f'viewBox="0 0 {size} {size}" role="img" aria-labelledby="qr-title" '
        f'shape-rendering="crispEdges"><title id="qr-title">{title}</title>'
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>'
        f'<path fill="#000000" d="{squares}"/></svg>'
    )


def _grouped(secret: str) -> str:
    """The key in groups of four, as authenticator apps show it and people type it."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _finish(request, device: TOTPDevice):
    django_otp.login(request, device)
    # A new session key once the second factor is passed, as after the password.
    request.session.cycle_key()
    return redirect(_next_path(request))


@never_cache
@login_required
def verify(request):
    """Ask for the code from the person's app."""
    if not needs_second_factor(request.user):
        return redirect(_next_path(request))
    device = confirmed_device(request.user)
    if device is None:
        return redirect_to_login(_next_path(request), login_url=reverse(f"{NAMESPACE}:setup"))
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        return _finish(request, device)
    return render(
        request,
        "people/two_factor/verify.html",
        {"form": form, "next": _next_path(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def setup(request):
    """Set up an authenticator app: scan the QR code or type the key, then give one code.

    Only for someone with no app yet: a new app could otherwise be added with the password
    alone, which is what the second factor is there to prevent.
    """
    if not needs_second_factor(request.user):
        return redirect(_next_path(request))
    if confirmed_device(request.user) is not None:
        return redirect_to_login(_next_path(request), login_url=reverse(f"{NAMESPACE}:verify"))
    device = totp_device_start(user=request.user)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        totp_device_confirm(device=device)
        return _finish(request, device)
    secret = b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "people/two_factor/setup.html",
        {
            "form": form,
            "next": _next_path(request),
            "qr_code": qr_code_svg(device.config_url),
            "secret": _grouped(secret),
        },
        status=400 if form.errors else 200,
    )
