"""Serving the open data exports: conditional requests and a cache per version of the data.

An export lists every matching row, so its work grows with the data. Each is built once per
version of the data it shows; repeat requests cost one query, and a client that sends back the
ETag gets 304 Not Modified.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import caches
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from core.data_version import version_token

# Part of every ETag: change it when an export's shape changes, so clients fetch it again.
FORMAT_VERSION = 1
# The cache alias for built exports (settings.CACHES): local memory with few entries, since
# each can be a megabyte and every filter combination is an entry of its own.
CACHE_ALIAS = "exports"


def data_version(models: Iterable[type[Model]] = ()) -> str:
    """A token that changes whenever any data we show changes; one query.

    It is the data version of core/data_version.py: a counter that database triggers move in
    the same transaction as every write, including `QuerySet.update()` and history pruning, and
    that names the database, so a shared cache never pairs one database's version with another's
    export. `models` (the sources an export shows) are no longer needed to read it: the counter
    moves for every table, which is exact for them and costs the same one query.
    """
    return version_token()


def export_response(
    request: HttpRequest,
    *,
    name: str,
    sources: Iterable[type[Model]],
    parameters: Iterable[tuple[str, str]],
    build: Callable[[], HttpResponse],
) -> HttpResponse:
    """The export `name` for these parameters: 304, from the cache, or built by `build`.

    `sources` are the models whose rows appear in it (kept to document each export; the data
    version covers every table); `parameters` the filters that shape it, already validated.
    """
    token = repr((FORMAT_VERSION, name, get_language(), sorted(parameters), data_version(sources)))
    etag = f'"{hashlib.sha256(token.encode()).hexdigest()[:40]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        # A 304 carries the same validator and caching rules as the full answer (RFC 9110).
        return _validated(not_modified, etag)
    exports = caches[CACHE_ALIAS]
    response = exports.get(etag)
    if response is None:
        response = build()
        exports.set(etag, response)
    return _validated(response, etag)


def _validated(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response
