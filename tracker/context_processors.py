from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse, translate_url
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from actions.models import DeliveryPlan, WelshTranslationStatus
from core import roles
from people import rules as people_rules


def _local_path(path: str) -> str:
    """The request's path as a path on this site: one leading slash, no empty segments.

    A path such as //evil.example/ (or /\\evil.example, or /%2F%2Fevil.example once decoded)
    would otherwise make the link scheme-relative, taking the reader to another site.
    Browsers read a backslash as a slash, so it is treated as one.
    """
    segments = [part for part in path.replace("\\", "/").split("/") if part]
    trailing = "/" if path.endswith(("/", "\\")) and segments else ""
    return escape_uri_path("/" + "/".join(segments) + trailing)


def _with_language_prefix(path: str, current: str, other: str) -> str:
    """path, moved from the current language's URL prefix to the other's (English has none)."""
    prefix = f"/{current}"
    if current != settings.LANGUAGE_CODE and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    if other != settings.LANGUAGE_CODE:
        path = f"/{other}{path}"
    return path


def language_switch(request):
    """The same page in the other language, for the link every page carries."""
    current = get_language() or "en"
    other = "en" if current.startswith("cy") else "cy"
    path = _local_path(request.path)
    url = translate_url(path, other)
    if url == path:
        # No page here (a 404): the same path under the other language's prefix, so the
        # reader gets the "not found" page in their language.
        url = _with_language_prefix(path, current, other)
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        # Never expected after _local_path; if it happens, the other language's home page.
        with override(other):
            url = reverse("home")
    query = request.META.get("QUERY_STRING", "")
    if query:
        url = f"{url}?{query}"
    return {
        # This page's own address, for <link rel="alternate">: the same safe path.
        "this_language_url": f"{path}?{query}" if query else path,
        "other_language": {
            "code": other,
            "url": url,
            # Each language's name in itself, so a reader finds their own language.
            "name": "Cymraeg" if other == "cy" else "English",
        },
    }


def _everyone(user) -> bool:
    return True


def can_use_admin(user) -> bool:
    """Django's admin site lets in active staff accounts only (AdminSite.has_permission)."""
    return bool(user.is_active and user.is_staff)


# Each link with the check its view makes (core.access), so a link shows only to people
# the page lets in. Order is the order in the header.
PUBLIC_LINKS = (
    ("home", _("Home"), _everyone),
    ("themes:list", _("Themes"), _everyone),
    ("plans:list", _("Plans"), _everyone),
    ("actions:list", _("Actions"), _everyone),
    ("measures:list", _("Indicators"), _everyone),
    ("reports:list", _("Reports"), _everyone),
)
STAFF_LINKS = (
    ("staff:my-actions", _("Your actions"), roles.is_staff_user),
    ("staff:review-queue", _("Review updates"), roles.is_editor),
    ("staff:dashboard", _("Dashboard"), roles.can_view_internal),
    ("staff:meetings", _("Meetings"), roles.can_view_internal),
    # Only Editors build and publish; everyone reads published reports from the public list.
    ("staff:reports", _("Annual report builder"), roles.is_editor),
    ("staff:import", _("Import"), roles.is_editor),
    ("staff:missing-welsh", _("Missing Welsh"), roles.is_editor),
    ("staff:audit", _("Audit trail"), roles.can_view_internal),
    ("people:list", _("People"), people_rules.can_manage_people),
)


def _links(request, entries) -> list[dict]:
    user = request.user
    links = [
        {"url": reverse(name), "label": label, "current": ""}
        for name, label, check in entries
        if check(user)
    ]
    # The link for this page says so (aria-current="page"); on a page further down a section
    # the section's link is marked as the current section ("true"). The longest match wins, so
    # "Your actions" (/staff/) is not current on every staff page.
    path, home = request.path, reverse("home")
    section = max(
        (link for link in links if path.startswith(link["url"]) and link["url"] != home),
        key=lambda link: len(link["url"]),
        default=None,
    )
    for link in links:
        if link["url"] == path:
            link["current"] = "page"
    if section is not None and section["url"] != path:
        section["current"] = "true"
    return links


def start_page_url(user) -> str:
    """Where a person starts: their own page once signed in, else the home page."""
    if roles.is_staff_user(user):
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    return reverse("home")


def navigation(request):
    """The header's links for this person, and who is signed in."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    signed_in = user.is_authenticated
    names = sorted(roles.role_names(user))
    role_labels = [str(roles.ROLE_LABELS.get(name, name)) for name in names]
    return {
        "nav_public": _links(request, PUBLIC_LINKS),
        "nav_staff": _links(request, STAFF_LINKS) if signed_in else [],
        "nav_user_name": (user.get_full_name() or user.get_username()) if signed_in else "",
        "nav_user_roles": ", ".join(role_labels),
        "nav_start_url": start_page_url(user),
        "nav_can_use_admin": can_use_admin(user),
    }


def welsh_translation(request):
    """On Welsh pages, whether the plan's Welsh is still the tracker's own translation.

    A callable, so the database is asked only by pages that show the notice (the pages with
    the plan's content, through includes/welsh_translation_notice.html).
    """
    if not (get_language() or "").startswith("cy"):
        return {}

    def tracker_translation() -> bool:
        return DeliveryPlan.objects.filter(
            welsh_translation_status=WelshTranslationStatus.TRACKER
        ).exists()

    return {"welsh_by_tracker": tracker_translation}
