"""Development tools are not production code: production settings and the package leave them out."""

import os
import subprocess
import sys
import tomllib
from fnmatch import fnmatchcase

from tests.conftest import ROOT

DEVELOPMENT_COMMANDS = {"bench", "seed_scale", "load_targets", "setup_demo"}
# Commands of the production apps: their presence shows the settings loaded. (When settings fail
# to load, `help --commands` quietly lists Django's own commands only.)
PRODUCTION_COMMANDS = {"load_plan", "send_reminders", "build_report", "migrate"}


def _commands(settings_module: str) -> set[str]:
    """The management commands `manage.py` offers under these settings, as a deploy runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, SECRET_KEY="x" * 50, DEBUG="false")
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "help", "--commands"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_production_settings_have_no_development_commands():
    commands = _commands("tracker.settings")
    assert commands >= PRODUCTION_COMMANDS
    assert not commands & DEVELOPMENT_COMMANDS


def test_development_settings_have_the_development_commands():
    commands = _commands("devtools.settings")
    assert commands >= PRODUCTION_COMMANDS | DEVELOPMENT_COMMANDS


def _shipped(package: str) -> bool:
    """Does pyproject.toml's package find list put this package in the distribution?"""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    find = pyproject["tool"]["setuptools"]["packages"]["find"]
    include, exclude = find.get("include", ["*"]), find.get("exclude", [])
    return any(fnmatchcase(package, p) for p in include) and not any(
        fnmatchcase(package, p) for p in exclude
    )


def test_the_package_does_not_ship_the_development_tools():
    development = [
        ".".join(path.relative_to(ROOT).parent.parts)
        for path in (ROOT / "devtools").rglob("__init__.py")
    ]
    assert {"devtools", "devtools.management.commands"} <= set(development)
    assert [p for p in development if _shipped(p)] == []
    assert _shipped("tracker") and _shipped("actions.management.commands")
