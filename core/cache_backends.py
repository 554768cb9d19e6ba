"""A Redis cache that never takes a page down with it.

Everything we cache can be computed again, so a cache that fails (Redis stopped, restarted,
out of memory, unreachable) must cost speed, never an answer: every read misses, every write is
dropped, and a warning is logged. After a failure the cache is left alone for a few seconds, so
a dead Redis costs one failed attempt per worker every few seconds, not one per request.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long a failed cache is left alone before it is tried again.
RETRY_AFTER_SECONDS = 5.0
_FAILURES = (RedisError, OSError)

_down_until: dict[str, float] = {}
_lock = threading.Lock()


def redis_cache_url(url: str) -> str:
    """`url` pointed at the next database number: the cache's own, apart from Celery's queues
    in `url`'s, since clearing a cache empties its whole database."""
    parts = urlsplit(url)
    number = parts.path.strip("/")
    current = int(number) if number.isdigit() else 0
    return urlunsplit(parts._replace(path=f"/{current + 1 if current < 15 else current - 1}"))


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache; when Redis fails, a miss and a warning instead of an error."""

    def _name(self) -> str:
        return ",".join(self._servers)

    def _available(self) -> bool:
        return _down_until.get(self._name(), 0.0) <= time.monotonic()

    def _failed(self, operation: str, error: Exception) -> None:
        with _lock:
            _down_until[self._name()] = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning(
            "Cache %s failed (%s: %s); answering uncached for %d seconds.",
            operation,
            type(error).__name__,
            error,
            RETRY_AFTER_SECONDS,
        )

    def _try(self, operation: str, call, fallback):
        if not self._available():
            return fallback
        try:
            return call()
        except _FAILURES as error:
            self._failed(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._try(
            "get", lambda: super(FailSafeRedisCache, self).get(key, default, version), default
        )

    def get_many(self, keys, version=None):
        return self._try(
            "get_many", lambda: super(FailSafeRedisCache, self).get_many(keys, version), {}
        )

    def has_key(self, key, version=None):
        return self._try(
            "has_key", lambda: super(FailSafeRedisCache, self).has_key(key, version), False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(
            "set", lambda: super(FailSafeRedisCache, self).set(key, value, timeout, version), None
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "add", lambda: super(FailSafeRedisCache, self).add(key, value, timeout, version), False
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "set_many",
            lambda: super(FailSafeRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "touch", lambda: super(FailSafeRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        return self._try(
            "delete", lambda: super(FailSafeRedisCache, self).delete(key, version), False
        )

    def delete_many(self, keys, version=None):
        self._try(
            "delete_many", lambda: super(FailSafeRedisCache, self).delete_many(keys, version), None
        )

    def clear(self):
        return self._try("clear", lambda: super(FailSafeRedisCache, self).clear(), False)
