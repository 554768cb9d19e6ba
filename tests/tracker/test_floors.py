"""The apps form floors (docs/architecture.md): each imports only the apps below it.

The contract lives in pyproject.toml ([tool.importlinter]); import-linter checks every import in
the code, including those inside functions.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]


def test_no_app_imports_an_app_on_a_higher_floor():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - our own virtualenv's script, fixed arguments
        [lint_imports, "--config", "pyproject.toml", "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # On failure the message is import-linter's own list of each import that runs upward.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_app_of_ours_stands_on_a_floor():
    ours = {c.name for c in apps.get_app_configs() if Path(c.path).parent == ROOT}
    (contract,) = CONFIG["contracts"]
    assert contract["type"] == "layers"
    assert set(contract["layers"]) == ours
    assert set(CONFIG["root_packages"]) == ours


def test_no_import_is_let_through_the_contract():
    (contract,) = CONFIG["contracts"]
    assert contract.get("ignore_imports", []) == []
