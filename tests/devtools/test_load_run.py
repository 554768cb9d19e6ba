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
        call_command("load_targets", "--paths", tmp_path / "p", "--cookie", tmp_path / "c")
    assert not (tmp_path / "p").exists()


def test_every_load_address_answers_200_for_its_client(client, real_plan, tmp_path):
    call_command("seed_scale", "--factor", "1", stdout=io.StringIO())
    paths, cookie = tmp_path / "paths.txt", tmp_path / "cookie.txt"
    call_command("load_targets", "--paths", paths, "--cookie", cookie, stdout=io.StringIO())
    lines = paths.read_text(encoding="utf-8").split()
    addresses = [line for line in lines if line != "SIG"]
    assert len(addresses) > 40
    assert any(a.startswith("/cy/") for a in addresses)
    name, _, value = cookie.read_text(encoding="utf-8").partition("=")
    for line in paths.read_text(encoding="utf-8").splitlines():
        signed_in = line.startswith("SIG ")
        client.cookies.clear()
        if signed_in:
            client.cookies[name] = value
        path = line.removeprefix("SIG ")
        if path.startswith("/static/"):
            continue  # served by whitenoise from collected files, which tests do not collect
        response = client.get(path)
        assert response.status_code == 200, f"{line} answered {response.status_code}"
        if signed_in:
            assert '/sign-out/"' in response.content.decode(), f"{line} was not signed in"


def _line(path: str, status: int, microseconds: int) -> str:
    """An access log line in tracker/gunicorn_conf.py's format."""
    return (
        f'127.0.0.1 [23/Nov/2026:16:50:23 +0000] "GET {path} HTTP/1.1" {status} 512 {microseconds}'
    )


def _report(tmp_path, access_lines: list[str], timeouts: int = 0, max_ms: float = 900.0):
    wrk = tmp_path / "wrk.txt"
    wrk.write_text(
        "Running 30s test @ http://127.0.0.1:8000\n"
        'LOAD_JSON {"requests": 3, "seconds": 1.00, "requests_per_second": 3.0, '
        f'"latency_ms": {{"p50": 10.0, "p90": 20.0, "p95": 30.0, "p99": 40.0, "max": {max_ms}}}, '
        '"errors": {"connect": 0, "read": 0, "write": 0, "status": 0, '
        f'"timeout": {timeouts}}}}}\n',
        encoding="utf-8",
    )
    log = tmp_path / "access.log"
    log.write_text("\n".join(access_lines) + "\n", encoding="utf-8")
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "bin" / "load_report.py"), "--wrk", str(wrk)]
        + ["--access-log", str(log), "--command", "bin/load"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_load_report_passes_a_clean_run_and_names_the_slowest_address(tmp_path):
    result = _report(
        tmp_path,
        [
            _line("/", 200, 12000),
            _line("/staff/dashboard/", 200, 450000),
            _line("/healthz", 200, 800),
        ],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3.0 requests per second" in result.stdout
    table = result.stdout.split("Slowest addresses")[1]
    assert table.index("/staff/dashboard/") < table.index("/healthz")
    assert "450.0" in table
    assert "Target (0 errors, every request under 2000 ms): met" in result.stdout


@pytest.mark.parametrize(
    ("lines", "timeouts", "max_ms"),
    [
        (
            [_line("/", 500, 9000)],
            0,
            900.0,
        ),  # a server error
        (
            [_line("/", 200, 9000)],
            1,
            900.0,
        ),  # wrk gave up at 2 s
        (
            [_line("/", 200, 2100000)],
            0,
            900.0,
        ),  # 2.1 s in the server
        (
            [_line("/", 200, 9000)],
            0,
            2000.0,
        ),  # 2 s at the client
    ],
)
def test_load_report_fails_a_run_with_an_error_or_a_slow_request(tmp_path, lines, timeouts, max_ms):
    result = _report(tmp_path, lines, timeouts=timeouts, max_ms=max_ms)
    assert result.returncode == 1
    assert "NOT MET" in result.stdout


def test_load_report_says_so_when_wrk_printed_no_summary(tmp_path):
    (tmp_path / "wrk.txt").write_text("unable to connect to 127.0.0.1:8000\n", encoding="utf-8")
    (tmp_path / "access.log").write_text("", encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "bin" / "load_report.py"), "--wrk", str(tmp_path / "wrk.txt")]
        + ["--access-log", str(tmp_path / "access.log"), "--command", "bin/load"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "wrk printed no summary" in result.stderr
