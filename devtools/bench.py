"""Page timings at 1x and at scale (`python manage.py bench`).

The command runs the measurement in a child process whose ``DATABASE_URL`` points at a
throwaway SQLite file (or at ``--database-url``), so the developer's ``db.sqlite3`` is never
touched. The child migrates, loads the real plan, adds about 12 approved updates to each of its
actions (the 1x data), times every page, adds ``--factor`` synthetic plans with
``seed_scale`` and times every page again.

Each page is requested once to warm up and count its queries (``CaptureQueriesContext``), then
``repeat`` times through Django's test client with ``time.perf_counter`` around ``client.get``:
server time only, no network. Query counting is kept out of the timed requests because
recording every query costs time of its own.
"""

import datetime
import inspect
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from core import open_data

FLOOR = "/healthz"
UNCACHED = " (uncached)"


@dataclass(frozen=True)
class BenchPage:
    path: str
    label: str
    signed_in: bool = False  # requested by a signed-in SIG member
    # Empty the cache before every request: the first request after the data changed.
    uncached: bool = False
    # Held to the growth target. Only the uncached export is not: it must list every
    # matching action (the open data's contract), so its work grows with the data.
    target: bool = True

    @property
    def key(self) -> str:
        return self.path + (UNCACHED if self.uncached else "")


PAGES: tuple[BenchPage, ...] = (
    BenchPage("/", "Home"),
    BenchPage("/themes/1/", "Theme 1"),
    BenchPage("/actions/", "Actions, current plan"),
    BenchPage("/actions/?plan=", "Actions, all plans, page 1"),
    BenchPage("/actions/?theme=2&status=on_track", "Actions, filtered"),
    BenchPage("/actions/2024-2027/20/", "Action 20"),
    BenchPage("/indicators/", "Indicators"),
    BenchPage("/staff/dashboard/", "SIG dashboard", signed_in=True),
    BenchPage("/data/actions.json", "Open data JSON"),
    BenchPage("/data/actions.json", "Open data JSON, first request", uncached=True, target=False),
    # Issue 19: site search, one query per kind of record whatever the data's size.
    BenchPage("/search/?q=morale", "Search"),
    BenchPage("/api/v1/actions/", "API actions, page 1"),
    BenchPage(FLOOR, "Health check (floor)"),
)
MAX_GROWTH = 2.5
WORKER_ENV = "TRACKER_BENCH_WORKER"
JSON_MARKER = "--- bench JSON ---"
SIG_USERNAME = "bench-sig"


class BenchError(Exception):
    """The benchmark cannot run here; the message says why."""


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of values <= it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def page_measure(client: Client, spec: BenchPage, *, repeat: int) -> dict:
    """Warm up, count the queries of one request, then time `repeat` requests.

    Counting the second request, not the first, gives the steady state: a cached export's
    repeat request, not the request that filled the cache.
    """
    client.get(spec.path)
    if spec.uncached:
        caches[open_data.CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(spec.path)
    # Count now: the next request clears the connection's query log.
    queries = len(captured)
    if response.status_code != 200:
        raise BenchError(f"{spec.path} answered {response.status_code}, not 200.")
    times = []
    for _i in range(repeat):
        if spec.uncached:
            caches[open_data.CACHE_ALIAS].clear()
        started = time.perf_counter()
        client.get(spec.path)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "queries": queries,
    }


def pages_measure(*, repeat: int, sig_user: User) -> dict:
    public, signed_in = Client(), Client()
    signed_in.force_login(sig_user)
    pages = {}
    for spec in PAGES:
        client = signed_in if spec.signed_in else public
        pages[spec.key] = {
            "label": spec.label,
            "target": spec.target,
            **page_measure(client, spec, repeat=repeat),
        }
    floor = pages[FLOOR]["median_ms"] or 0.001
    for page in pages.values():
        page["ratio_to_floor"] = round(page["median_ms"] / floor, 1)
    return pages


def data_counts() -> dict:
    from actions.models import Action, DeliveryPlan, ProgressUpdate
    from measures.models import Indicator, Observation

    return {
        "plans": DeliveryPlan.objects.count(),
        "actions": Action.objects.count(),
        "updates": ProgressUpdate.objects.count(),
        "indicators": Indicator.objects.count(),
        "observations": Observation.objects.count(),
    }


def report_measure(*, user: User, repeat: int, media_root: Path, language: str = "en") -> dict:
    """Time reports.services.report_build for the real plan, if that service exists yet."""
    try:
        from reports.models import AnnualReport, ReportRun, RunStatus
        from reports.services import report_build
    except ImportError as exc:
        return {"available": False, "note": f"reports.services.report_build not available: {exc}"}
    if "run" not in inspect.signature(report_build).parameters:
        return {
            "available": False,
            "note": f"report_build{inspect.signature(report_build)} is not the expected shape.",
        }
    from actions.models import DeliveryPlan
    from devtools.scale import REAL_PLAN_SLUG

    plan = DeliveryPlan.objects.get(slug=REAL_PLAN_SLUG)
    today = timezone.localdate()
    year = min(today.year - 1, plan.end_year)
    as_at = min(today, datetime.date(year + 1, 3, 31))
    report, _created = AnnualReport.objects.get_or_create(plan=plan, year=year)
    times, pages = [], None
    try:
        # The files go to a folder of their own through the file storage (core.files).
        local = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        files = {**local, "OPTIONS": {"location": str(media_root)}}
        with override_settings(STORAGES={**settings.STORAGES, "default": files}):
            for _i in range(repeat):
                run = ReportRun.objects.create(
                    report=report,
                    language=language,
                    as_at=as_at,
                    status=RunStatus.BUILDING,
                    created_by=user,
                )
                started = time.perf_counter()
                run = report_build(run=run)
                times.append((time.perf_counter() - started) * 1000)
                pages = run.pages
    except Exception as exc:  # noqa: BLE001 - someone else's module, still in progress
        return {"available": True, "error": f"{type(exc).__name__}: {exc}"}
    return {
        "available": True,
        "plan": plan.slug,
        "year": year,
        "as_at": as_at.isoformat(),
        "language": language,
        "repeat": repeat,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "pages": pages,
    }


def growth(base: dict, scaled: dict) -> dict:
    rows = {}
    for path in base:
        b, s = base[path], scaled[path]
        ratio = s["median_ms"] / b["median_ms"] if b["median_ms"] else float("inf")
        rows[path] = {
            "median_ms_1x": b["median_ms"],
            "median_ms_scaled": s["median_ms"],
            "growth": round(ratio, 2),
            "queries_1x": b["queries"],
            "queries_scaled": s["queries"],
            "queries_equal": b["queries"] == s["queries"],
            "growth_target": b["target"],
            "median_within_target": ratio <= MAX_GROWTH or not b["target"],
        }
    return rows


def machine() -> dict:
    vendor = connection.vendor
    database = vendor
    if vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "settings": os.environ.get("DJANGO_SETTINGS_MODULE", ""),
        "debug": settings.DEBUG,
    }


def bench_run(
    *,
    repeat: int,
    factor: int,
    seed: int = 2030,
    report: bool = True,
    say: Callable[[str], None] = print,
) -> dict:
    """Fill the (empty) database, time every page at 1x and at `factor`; return the results.

    Only for the throwaway database of the child process: it migrates and writes data.
    """
    from actions.models import DeliveryPlan
    from core import roles
    from devtools.scale import real_plan_updates_seed, scale_seed

    started = time.perf_counter()
    say("Migrating the benchmark database...")
    call_command("migrate", verbosity=0, interactive=False)
    if DeliveryPlan.objects.exists():
        raise BenchError(
            "The benchmark database already holds delivery plans. bench fills the database it "
            "is given, so give it an empty one."
        )
    with open(os.devnull, "w") as quiet:
        call_command("load_plan", stdout=quiet)
    real_plan_updates_seed(seed=seed)
    sig_user = User.objects.create_user(SIG_USERNAME, password=None)
    sig_user.groups.add(roles.roles_ensure()[roles.SIG_MEMBER])
    report_repeat = 1 if repeat < 10 else 3
    runs = {}
    # Report files go to a folder of their own, removed afterwards.
    with tempfile.TemporaryDirectory(prefix="tracker-bench-media-") as media:
        media_root = Path(media)
        for label, grow in (("1x", None), (f"{factor}x", factor)):
            if grow:
                say(f"Adding {grow} synthetic plans (seed_scale --factor {grow})...")
                seeded = scale_seed(factor=grow, seed=seed)
                say(f"  seeded in {seeded['seconds']} s")
            counts = data_counts()
            say(
                f"Timing {len(PAGES)} pages x {repeat} at {label}: {counts['actions']} actions, "
                f"{counts['updates']} updates, {counts['indicators']} indicators..."
            )
            runs[label] = {"factor": grow or 0, "data": counts}
            runs[label]["pages"] = pages_measure(repeat=repeat, sig_user=sig_user)
            if report:
                runs[label]["report"] = report_measure(
                    user=sig_user, repeat=report_repeat, media_root=media_root
                )
                # The Welsh edition too: the target is per language.
                runs[label]["report_cy"] = report_measure(
                    user=sig_user, repeat=report_repeat, media_root=media_root, language="cy"
                )
            else:
                runs[label]["report"] = {"available": None, "note": "skipped (--no-report)"}
    base, scaled = runs["1x"]["pages"], runs[f"{factor}x"]["pages"]
    rows = growth(base, scaled)
    missed_queries = [path for path, row in rows.items() if not row["queries_equal"]]
    missed_time = [path for path, row in rows.items() if not row["median_within_target"]]
    return {
        "command": f"python manage.py bench --repeat {repeat} --factor {factor}",
        "when": timezone.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "repeat": repeat,
        "factor": factor,
        "seed": seed,
        "runs": runs,
        "growth": rows,
        "targets": {
            "queries_equal": not missed_queries,
            "median_growth_max": MAX_GROWTH,
            "median_within": not missed_time,
            "missed_queries": missed_queries,
            "missed_median": missed_time,
            "all_met": not missed_queries and not missed_time,
        },
        "seconds": round(time.perf_counter() - started, 1),
    }


def bench_table(result: dict) -> str:
    """The results as a fixed-width table, one row per page."""
    scaled_label = f"{result['factor']}x"
    base = result["runs"]["1x"]["pages"]
    scaled = result["runs"][scaled_label]["pages"]
    header = (
        "page",
        "1x med ms",
        "1x p95",
        "1x q",
        "1x /floor",
        f"{scaled_label} med ms",
        f"{scaled_label} p95",
        f"{scaled_label} q",
        f"{scaled_label} /floor",
        "growth",
        "targets",
    )
    rows = []
    for path, b in base.items():
        s, g = scaled[path], result["growth"][path]
        missed = [] if g["queries_equal"] else ["queries"]
        if not g["median_within_target"]:
            missed.append("time")
        if missed:
            verdict = "MISSED: " + ", ".join(missed)
        else:
            verdict = "ok" if g["growth_target"] else "ok: queries (time grows by design)"
        rows.append(
            (
                path,
                f"{b['median_ms']:.1f}",
                f"{b['p95_ms']:.1f}",
                str(b["queries"]),
                f"{b['ratio_to_floor']:.1f}",
                f"{s['median_ms']:.1f}",
                f"{s['p95_ms']:.1f}",
                str(s["queries"]),
                f"{s['ratio_to_floor']:.1f}",
                f"{g['growth']:.2f}",
                verdict,
            )
        )
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells) -> str:
        return "  ".join(
            cell.ljust(width) if i in (0, len(cells) - 1) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    t = result["targets"]
    out.append("")
    out.append(
        f"Queries equal at 1x and {scaled_label}: {'yes' if t['queries_equal'] else 'NO'}"
        + (f" (differ: {', '.join(t['missed_queries'])})" if t["missed_queries"] else "")
    )
    out.append(
        f"Median at {scaled_label} within {t['median_growth_max']}x of 1x: "
        f"{'yes' if t['median_within'] else 'NO'}"
        + (f" (missed: {', '.join(t['missed_median'])})" if t["missed_median"] else "")
    )
    reports = [
        (label, run[key])
        for label, run in result["runs"].items()
        for key in ("report", "report_cy")
        if key in run
    ]
    for label, rep in reports:
        if rep.get("median_ms") is not None:
            out.append(
                f"Report build ({rep['plan']} {rep['year']}, {rep['language']}) at {label}: "
                f"median {rep['median_ms']:.0f} ms over {rep['repeat']}, {rep['pages']} pages"
            )
        else:
            out.append(
                f"Report build at {label}: {rep.get('note') or rep.get('error') or 'not measured'}"
            )
    m = result["machine"]
    out.append(
        f"Machine: {m['cpus']} CPUs, {m['platform']}, Python {m['python']}, Django "
        f"{m['django']}, {m['database']}; run took {result['seconds']} s."
    )
    return "\n".join(out)


def worker_command(*, out: Path, repeat: int, factor: int, seed: int, report: bool) -> list[str]:
    manage = Path(settings.BASE_DIR) / "manage.py"
    command = [sys.executable, str(manage), "bench", "--worker", str(out)]
    command += ["--repeat", str(repeat), "--factor", str(factor), "--seed", str(seed)]
    if not report:
        command.append("--no-report")
    return command


def worker_env(*, database_url: str) -> dict[str, str]:
    """The child's environment: its own database, production-like flags, no Redis."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        {
            WORKER_ENV: "1",
            "DATABASE_URL": database_url,
            # The development settings (production's plus devtools, which has `bench --worker`)
            # with the test suite's static storage and password hasher, so pages render
            # without collectstatic. DEBUG is off, as in production.
            "DJANGO_SETTINGS_MODULE": "devtools.test_settings",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
            "PYTHONWARNINGS": "ignore::UserWarning",
        }
    )
    return env
