"""Start-up configuration comes from the environment; bad values stop start-up by name."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

_SETUP = "import django; django.setup(); from django.conf import settings; print(settings.{})"


_DEPLOY_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_TASK_ALWAYS_EAGER",  # devtools/test_settings.py sets it for this process
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def _clean_env() -> dict[str, str]:
    """This process's environment without the variables the test suite itself sets."""
    return {k: v for k, v in os.environ.items() if k not in _DEPLOY_VARIABLES}


def _start(env_changes: dict[str, str | None], show: str = "DEBUG") -> subprocess.CompletedProcess:
    env = _clean_env()
    env.update({"DJANGO_SETTINGS_MODULE": "tracker.settings", "SECRET_KEY": "x" * 50})
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", _SETUP.format(show)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DEBUG", "maybe", "DEBUG has an invalid value 'maybe'"),
        ("DATABASE_URL", "mysql://root@localhost/tracker", "DATABASE_URL has an unsupported value"),
        ("DATABASE_URL", "postgres://postgres@localhost", "DATABASE_URL names no database"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL has an invalid value 'localhost:6379'"),
        ("CONN_MAX_AGE", "forever", "CONN_MAX_AGE has an invalid value 'forever'"),
        ("SECURE_HSTS_SECONDS", "1y", "SECURE_HSTS_SECONDS has an invalid value '1y'"),
    ],
)
def test_bad_value_stops_start_up_naming_the_variable(name, value, expected):
    result = _start({name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert expected in result.stderr


def test_missing_secret_key_without_debug_stops_start_up():
    result = _start({"SECRET_KEY": None, "DEBUG": None})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_defaults_use_sqlite_and_a_queue_file_never_jobs_in_the_request():
    result = _start(
        {"DEBUG": "true", "SECRET_KEY": None},
        show="DATABASES['default']['NAME'], settings.CELERY_BROKER_URL, "
        "settings.CELERY_TASK_ALWAYS_EAGER",
    )
    assert result.returncode == 0, result.stderr
    queue = ROOT / "var" / "celery-queue.sqlite3"
    assert result.stdout.strip() == f"{ROOT / 'db.sqlite3'} sqla+sqlite:///{queue} False"


def test_redis_url_sends_jobs_to_the_broker():
    result = _start(
        {"REDIS_URL": "redis://127.0.0.1:6379/3"},
        show="CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "redis://127.0.0.1:6379/3 False"


def test_production_settings_pass_the_deploy_check():
    env = _clean_env()
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        DEBUG="false",
        ALLOWED_HOSTS="tracker.example.org",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
