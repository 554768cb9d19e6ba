"""The shared cache (Redis) makes pages faster, never unavailable: with Redis stopped, pages
are rendered uncached and answer 200, and a warning is logged.

Runs with the Redis tests (marked celery_worker: bin/test runs them when REDIS_URL is set),
against a redis-server the test starts on a port of its own and then stops.
"""

import logging
import os
import subprocess
import sys

import pytest
import redis

from core import cache_backends
from core.cache_backends import FailSafeRedisCache, redis_cache_url
from core.page_cache import STATUS_HEADER
from tests.celery_process import OwnRedis
from tests.conftest import ROOT

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db]


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


def _redis_cache(url: str, prefix: str) -> dict:
    return {
        "BACKEND": "core.cache_backends.FailSafeRedisCache",
        "LOCATION": redis_cache_url(url),
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }


@pytest.fixture
def redis_caches(settings, own_redis, monkeypatch):
    monkeypatch.setattr(cache_backends, "RETRY_AFTER_SECONDS", 0.0)
    settings.CACHES = {
        **settings.CACHES,
        "default": _redis_cache(own_redis.url, "default"),
        "pages": _redis_cache(own_redis.url, "pages"),
    }
    return redis.Redis.from_url(redis_cache_url(own_redis.url))


def test_pages_answer_200_uncached_while_redis_is_stopped(
    client, real_plan, own_redis, redis_caches, caplog
):
    assert client.get("/actions/")[STATUS_HEADER] == "miss"
    assert client.get("/actions/")[STATUS_HEADER] == "hit"
    # The pages went to Redis's cache database, not Celery's.
    assert redis_caches.dbsize() > 0
    assert redis.Redis.from_url(own_redis.url).dbsize() == 0

    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache_backends"):
        for path in ("/actions/", "/cy/actions/", "/indicators/", "/themes/1/", "/"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response[STATUS_HEADER] == "miss", path
    assert "Cache get failed" in caplog.text

    # Back again: cached again.
    own_redis.start()
    client.get("/reports/")
    assert client.get("/reports/")[STATUS_HEADER] == "hit"


def test_every_cache_operation_fails_safe(own_redis, redis_caches):
    cache = FailSafeRedisCache(redis_cache_url(own_redis.url), {})
    cache.set("k", "v")
    assert cache.get("k") == "v"
    own_redis.stop()
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["k"]) == {}
    assert cache.has_key("k") is False
    assert cache.add("k2", "v") is False
    cache.set("k", "v")
    cache.set_many({"a": 1})
    cache.delete("k")
    cache.delete_many(["k"])
    cache.touch("k")
    cache.clear()


def test_redis_url_gives_a_shared_cache_on_the_next_database():
    env = {k: v for k, v in os.environ.items() if k != "REDIS_CACHE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        SECRET_KEY="x" * 50,
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['pages']['BACKEND'], s.CACHES['pages']['LOCATION'])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", show], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "core.cache_backends.FailSafeRedisCache",
        "redis://127.0.0.1:6379/4",
    ]
    env.pop("REDIS_URL")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", show], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split()[0] == "django.core.cache.backends.locmem.LocMemCache"
