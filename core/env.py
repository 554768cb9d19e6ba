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


_FILE_STORAGES = ("local", "s3")


def read_file_storage(name: str = "FILE_STORAGE") -> dict:
    """STORAGES["default"]: where report files and meeting packs live (core/files.py).

    ``local`` (the default): the media folder on this disk. ``s3``: an S3-compatible bucket through
    django-storages (the ``s3`` extra), named by AWS_STORAGE_BUCKET_NAME; the other AWS_*
    variables are optional (README, "Shared file storage")."""
    kind = env.str(name, default="local").strip().lower() or "local"
    if kind not in _FILE_STORAGES:
        raise ImproperlyConfigured(
            f"{name} has an invalid value {kind!r}. Expected one of {', '.join(_FILE_STORAGES)}."
        )
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    import importlib.util

    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            f"{name}=s3 needs django-storages with boto3: pip install '.[s3]' "
            "(or pip install 'django-storages[s3]')."
        )
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="").strip()
    if not bucket:
        raise ImproperlyConfigured(
            f"AWS_STORAGE_BUCKET_NAME is not set. {name}=s3 needs the bucket's name."
        )
    endpoint = env.str("AWS_S3_ENDPOINT_URL", default="").strip()
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL has an invalid value {endpoint!r}. Expected https://HOST[:PORT]."
        )
    addressing = env.str("AWS_S3_ADDRESSING_STYLE", default="").strip().lower()
    if addressing not in ("", "auto", "path", "virtual"):
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE has an invalid value {addressing!r}. "
            "Expected auto, path or virtual."
        )
    options = {
        "bucket_name": bucket,
        # Files are served by the app's own views (FileResponse), never by bucket URLs: the
        # bucket stays private, and a new edition replaces an object of the same name.
        "default_acl": None,
        "file_overwrite": True,
        "querystring_auth": True,
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_S3_ACCESS_KEY_ID"),
        ("secret_key", "AWS_S3_SECRET_ACCESS_KEY"),
        ("location", "AWS_LOCATION"),
        ("addressing_style", "AWS_S3_ADDRESSING_STYLE"),
    ):
        value = env.str(variable, default="").strip()
        if value:
            options[option] = value
    if ("access_key" in options) != ("secret_key" in options):
        missing = "AWS_S3_SECRET_ACCESS_KEY" if "access_key" in options else "AWS_S3_ACCESS_KEY_ID"
        raise ImproperlyConfigured(
            f"{missing} is not set. Set AWS_S3_ACCESS_KEY_ID and AWS_S3_SECRET_ACCESS_KEY "
            "together, or neither (boto3 then finds credentials itself, e.g. an instance role)."
        )
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def read_url(name: str, default: str = "") -> str:
    """An https address without query or fragment, or "" when unset; http only for this machine
    (a provider run locally for development). The trailing slash is dropped."""
    from urllib.parse import urlsplit

    url = env.str(name, default=default).strip()
    if not url:
        return ""
    parts = urlsplit(url)
    local = parts.scheme == "http" and parts.hostname in {h.strip("[]") for h in _LOCAL_HOSTS}
    if not (parts.scheme == "https" or local) or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} has an invalid value {url!r}. Expected an https:// address without ? or #, "
            "for example https://login.microsoftonline.com/TENANT-ID/v2.0."
        )
    return url.rstrip("/")
