"""The pieces of bin/load that can run without a server: its addresses and its verdict."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def test_load_targets_refuses_a_database_without_synthetic_data(real_plan, tmp_path):
    with pytest.raises(CommandError, match="seed_scale"):
        call_command(
            "load_targets",
            *("--paths", tmp_path / "p", "--static", tmp_path / "s"),
            *("--staff", tmp_path / "st", "--cookie", tmp_path / "c"),
        )
    assert not (tmp_path / "p").exists()


def test_every_load_address_answers_200_for_its_client(client, real_plan, tmp_path):
    call_command("seed_scale", "--factor", "1", stdout=io.StringIO())
    paths, cookie = tmp_path / "paths.txt", tmp_path / "cookie.txt"
    static, staff = tmp_path / "static.txt", tmp_path / "staff.txt"
    call_command(
        "load_targets",
        *("--paths", paths, "--static", static, "--staff", staff, "--cookie", cookie),
        stdout=io.StringIO(),
    )
    public = paths.read_text(encoding="utf-8").split()
    # The public mix: pages in both languages and the open data, nothing signed in or static.
    assert len(public) > 40
    assert any(a.startswith("/cy/") for a in public) and "/data/actions.json" in public
    assert not any(a == "SIG" or a.startswith("/static/") for a in public)
    assert static.read_text(encoding="utf-8").split()[0].startswith("/static/css/site")
    assert all(line.startswith("SIG ") for line in staff.read_text(encoding="utf-8").splitlines())
    name, _, value = cookie.read_text(encoding="utf-8").partition("=")
    lines = (paths.read_text(encoding="utf-8") + staff.read_text(encoding="utf-8")).splitlines()
    for line in lines:
        signed_in = line.startswith("SIG ")
        client.cookies.clear()
        if signed_in:
            client.cookies[name] = value
        path = line.removeprefix("SIG ")
        response = client.get(path)
        assert response.status_code == 200, f"{line} answered {response.status_code}"
        if signed_in:
            assert '/sign-out/"' in response.content.decode(), f"{line} was not signed in"


def _line(path: str, status: int, microseconds: int) -> str:
    """An access log line in tracker/gunicorn_conf.py's format."""
    return (
        f'127.0.0.1 [23/Nov/2026:16:50:23 +0000] "GET {path} HTTP/1.1" {status} 512 {microseconds}'
    )


def _wrk(path, *, rate=400.0, p99=40.0, max_ms=900.0, timeouts=0):
    path.write_text(
        "Running 30s test @ http://127.0.0.1:8000\n"
        f'LOAD_JSON {{"requests": 3, "seconds": 1.00, "requests_per_second": {rate}, '
        f'"latency_ms": {{"p50": 10.0, "p90": 20.0, "p95": 30.0, "p99": {p99}, "max": {max_ms}}}, '
        '"errors": {"connect": 0, "read": 0, "write": 0, "status": 0, '
        f'"timeout": {timeouts}}}}}\n',
        encoding="utf-8",
    )
    return path


def _log(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*arguments):
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "bin" / "load_report.py"), *map(str, arguments)]
        + ["--command", "bin/load"],
        capture_output=True,
        text=True,
        check=False,
    )


def _report(tmp_path, public=None, static=None, staff=None):
    """Each phase: (wrk options, access lines); only the public one is needed."""
    arguments = []
    for name, phase in (("public", public), ("static", static), ("signed-in", staff)):
        if phase is None:
            continue
        options, lines = phase
        arguments += [f"--{name}-wrk", _wrk(tmp_path / f"{name}.wrk", **options)]
        arguments += [f"--{name}-log", _log(tmp_path / f"{name}.log", lines)]
    return _run(*arguments)


def test_load_report_passes_a_clean_run_and_gives_the_share_of_the_static_ceiling(tmp_path):
    result = _report(
        tmp_path,
        public=({"rate": 450.0}, [_line("/", 200, 12000), _line("/cy/actions/", 200, 30000)]),
        static=({"rate": 1800.0}, [_line("/static/css/site.css", 200, 300)]),
        staff=({"rate": 20.0}, [_line("/staff/dashboard/", 200, 450000)]),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "450.0 requests per second" in result.stdout
    assert "25.0% of the static file's rate" in result.stdout
    public = result.stdout.split("== public")[1].split("== static")[0]
    assert public.index("/cy/actions/") < public.index(" / ")
    assert "450000" not in public and "450.0" in result.stdout.split("== signed-in")[1]
    assert "All targets: met" in result.stdout


@pytest.mark.parametrize(
    ("public", "staff"),
    [
        (({}, [_line("/", 500, 9000)]), None),  # a server error
        (({"timeouts": 1}, [_line("/", 200, 9000)]), None),  # wrk gave up at 2 s
        (({"rate": 299.0}, [_line("/", 200, 9000)]), None),  # under 300 requests/s
        (({"p99": 250.0}, [_line("/", 200, 9000)]), None),  # p99 not under 250 ms
        (({}, [_line("/", 200, 9000)]), ({}, [_line("/staff/audit/", 200, 2100000)])),
        (({}, [_line("/", 200, 9000)]), ({"max_ms": 2000.0}, [_line("/staff/", 200, 9)])),
    ],
)
def test_load_report_fails_a_run_that_misses_a_target(tmp_path, public, staff):
    result = _report(tmp_path, public=public, staff=staff)
    assert result.returncode == 1
    assert "NOT MET" in result.stdout


def test_load_report_says_so_when_wrk_printed_no_summary(tmp_path):
    (tmp_path / "wrk.txt").write_text("unable to connect to 127.0.0.1:8000\n", encoding="utf-8")
    (tmp_path / "access.log").write_text("", encoding="utf-8")
    result = _run("--public-wrk", tmp_path / "wrk.txt", "--public-log", tmp_path / "access.log")
    assert result.returncode == 1
    assert "wrk printed no summary" in result.stderr
