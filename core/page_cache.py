"""Public pages answered from work already done, and never stale.

An anonymous GET or HEAD of a public page is cached whole, under a key made of the data version
(core/data_version.py: the database's identity and a counter every write moves), the language,
the host and scheme, the full path and query string, today's date (pages say what is overdue
or due, which moves with the date even when the data does not) and the code's fingerprint (a
deploy changes templates and texts). The same key, hashed, is the page's ETag: a reader who
sends it back gets 304 Not Modified, and `Cache-Control: no-cache` makes every shared cache ask
again, so nobody is ever served a page older than the last write.

Signed-in people, and anonymous visitors with messages waiting, are never served from the
cache and never fill it: the session cookie is looked at first, and only a request that has
one costs a session read. A response is stored only when it is the same for every anonymous
reader: 200, complete (not streamed), no cookies set (so no CSRF token), no CSP nonce, not
private or no-store, varying on nothing but the cookie, the language and the encoding.

The middleware stands outside the session, locale and CSRF middleware (tracker/settings.py),
so what it stores carries every header they add.
"""

import hashlib
import logging
import re
from functools import cache
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_path

from core.data_version import version_token

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# The public pages, after an optional /cy/ prefix. Staff pages, sign-in, the admin, the API and
# the open data files (which have their own ETags, core/open_data.py) are not among them.
PUBLIC_PATHS = re.compile(
    r"^/(?:cy/)?(?:$|themes/|plans/|actions/|decisions/|organisations/|indicators/|reports/"
    r"|open-data/|search/|feeds/)"
)
# A stored page may vary on these only: the key holds the language, and anonymous readers
# without messages all send the same (no) cookie.
_HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}
_MESSAGES_KEY = "_messages"
# Set on the response, for the bench and the tests: "hit", "miss" (stored) or "skip".
STATUS_HEADER = "X-Page-Cache"


@cache
def code_fingerprint() -> str:
    """A hash of the code and texts that render pages, read once per process, so pages cached
    by an older deploy are never served by a newer one sharing the cache."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    folders = [root / "templates", root / "locale", root / "docs"]
    folders += [root / app for app in ("core", "tracker", "themes", "actions", "measures")]
    folders += [root / app for app in ("reports", "sig", "people", "api")]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        # Hashed static file names, which pages link to.
        digest.update(manifest.read_bytes())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".py", ".html", ".svg", ".txt", ".mo", ".md", ".xml"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _is_personal(request: HttpRequest) -> bool:
    """Whether this request may see anything but the anonymous page: a signed-in person, or a
    visitor with messages waiting (in the messages cookie or in the session)."""
    if request.COOKIES.get("messages"):
        return True
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return SESSION_KEY in session or _MESSAGES_KEY in session


def page_etag(request: HttpRequest, token: str) -> str:
    parts = (
        token,
        code_fingerprint(),
        get_language_from_path(request.path_info) or settings.LANGUAGE_CODE,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        timezone.localdate().isoformat(),
    )
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40] + '"'


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response is the same for every anonymous reader (see the module's text)."""
    # HEAD too: views render the whole page for it, and the server drops the body.
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control:
        return False
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        if "nonce-" in response.get(header, ""):
            return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= _HARMLESS_VARY


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not PUBLIC_PATHS.match(request.path_info):
            return self.get_response(request)
        if _is_personal(request):
            return self._personal(request)
        try:
            etag = page_etag(request, version_token())
        except DisallowedHost:
            etag = None
        if etag is None:
            # CommonMiddleware answers a host we do not serve (400).
            return self.get_response(request)
        pages = caches[CACHE_ALIAS]
        key = "page:" + etag.strip('"')
        cached = pages.get(key)
        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return get_conditional_response(request, etag=etag, response=cached) or cached
        response = self.get_response(request)
        if not storable(request, response):
            response[STATUS_HEADER] = "skip"
            return response
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)
        pages.set(key, response)
        response[STATUS_HEADER] = "miss"
        return get_conditional_response(request, etag=etag, response=response) or response

    def _personal(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            # Rendered for one person: no shared cache may keep it.
            patch_cache_control(response, private=True, no_cache=True)
        response[STATUS_HEADER] = "skip"
        return response
