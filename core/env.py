"""Typed readers for environment variables.

django-environ parses the values; these wrappers make every bad value stop start-up with
ImproperlyConfigured naming the variable, so an operator sees which setting to fix instead
of a bare ValueError from deep inside a parser.
"""

from collections.abc import Callable
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

_ALLOWED_DB_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")


def _read(name: str, parse: Callable[[], Any], expected: str) -> Any:
    try:
        return parse()
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(f"{name}: {exc}. Expected {expected}.") from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"{name} has an invalid value {env.str(name, default='')!r}. Expected {expected}."
        ) from exc


def read_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(
        f"{name} has an invalid value {raw!r}. Expected one of true, false, 1, 0, yes, no."
    )


def read_str(name: str, default: str) -> str:
    return env.str(name, default=default)


def read_list(name: str, default: list[str]) -> list[str]:
    values = _read(name, lambda: env.list(name, default=default), "a comma-separated list")
    return [v.strip() for v in values if v.strip()]


def read_int(name: str, default: int) -> int:
    return _read(name, lambda: env.int(name, default=default), "a whole number")


def read_database(name: str, default: str) -> dict:
    url = env.str(name, default=default)
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in _ALLOWED_DB_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} has an unsupported value {url!r}. Expected sqlite:///PATH or "
            "postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
    config = _read(name, lambda: environ.Env.db_url_config(url), "a database URL")
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database: {url!r}. Add /NAME at the end.")
    return config


def read_redis_url(name: str) -> str | None:
    url = env.str(name, default="").strip()
    if not url:
        return None
    if not url.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(
            f"{name} has an invalid value {url!r}. Expected redis://HOST:PORT/DB or leave it unset."
        )
    return url
