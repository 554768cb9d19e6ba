"""The only files WeasyPrint may read while it builds a report: our own static files.

WeasyPrint's default fetcher opens any URL in the markup (file:///etc/passwd, http://...).
The report's markup is escaped, but escaping should not be the only guard: this fetcher reads
files under the project's static folders and refuses everything else. A refusal is an
ordinary exception, which WeasyPrint logs and skips, so the build goes on without it.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher


class NotOurStaticFile(ValueError):
    pass


def static_roots() -> list[Path]:
    return [Path(root).resolve() for root in settings.STATICFILES_DIRS]


def static_file(url: str) -> Path | None:
    """The file a file: URL names, if it is one of our static files (after resolving .. and
    links); else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    for root in static_roots():
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, **kwargs):
        # No network at all: file: is checked below; data: URLs carry their bytes inline.
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)
        path = static_file(url)
        if path is None:
            raise NotOurStaticFile(f"Only the tracker's own static files are used: {url}")
        return super().fetch(path.as_uri(), headers)
