"""build_report from the README's set-up: a missing setting, database or plan is one clear
message saying what to do, never a traceback."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import ROOT


def _build_report(tmp_path, *args: str, **env_changes: str | None) -> subprocess.CompletedProcess:
    """``manage.py build_report --year 2024 ... --output`` in a new process, with the
    environment changed (None removes a variable)."""
    output = str(tmp_path / "report.pdf")
    args = ("build_report", "--year", "2024", *args, "--output", output)
    env = dict(os.environ)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _new_database(tmp_path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "devtools.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
    }


def test_without_settings_build_report_says_what_is_missing_without_a_traceback(tmp_path):
    # As typed after bin/serve in a new shell: production settings, no DEBUG, no SECRET_KEY.
    result = _build_report(
        tmp_path,
        DJANGO_SETTINGS_MODULE=None,
        DEBUG=None,
        SECRET_KEY=None,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY is not set" in result.stderr
    assert "DEBUG=true" in result.stderr
    assert not (tmp_path / "report.pdf").exists()


def test_an_unknown_settings_module_is_named_without_a_traceback(tmp_path):
    result = _build_report(tmp_path, DJANGO_SETTINGS_MODULE="no_such.settings")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "no_such.settings" in result.stderr


def test_a_database_not_migrated_is_named_with_what_to_run(tmp_path):
    result = _build_report(tmp_path, **_new_database(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "python manage.py migrate" in result.stderr


@pytest.mark.django_db
def test_with_no_plan_loaded_build_report_says_to_load_one(no_plan, tmp_path):
    with pytest.raises(CommandError, match="No plan is loaded .* Run `python manage.py load_plan`"):
        call_command("build_report", "--year", "2024", "--output", str(tmp_path / "r.pdf"))


def test_a_date_not_written_as_iso_is_refused_with_an_example(tmp_path):
    result = _build_report(tmp_path, "--as-at", "31/12/2024", **_new_database(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "write it as YYYY-MM-DD, for example 2025-03-31" in result.stderr
