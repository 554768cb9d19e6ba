"""Steady-state page timings (`python manage.py bench --steady`): issue 18's in-process table.

In the benchmark's throwaway database (see devtools/bench.py), at `--factor` times the data:
each public page, in English and in Welsh, is requested once to warm up, then timed `repeat`
times through Django's test client; the ratio to the `/healthz` median is the figure the issue
sets targets for (public pages at most 10x, the SIG dashboard at most 30x). Then the first
render after a change: before each of `after_change` requests the data version is moved by hand
(core.data_version.bump, as any write would), so every cache keyed by it misses.
"""

import statistics
import time
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from core import data_version
from devtools.bench import FLOOR, SIG_USERNAME, BenchError, data_counts, machine, percentile

PUBLIC_TARGET = 10
DASHBOARD_TARGET = 30


def steady_pages() -> list[tuple[str, str, bool]]:
    """(path, label, signed in) for each page of the issue's table, in both languages."""
    from actions.models import Action
    from devtools.scale import REAL_PLAN_SLUG
    from measures.models import Indicator

    action = Action.objects.filter(plan__slug=REAL_PLAN_SLUG).order_by("number")[19]
    indicator = Indicator.objects.filter(plan__slug=REAL_PLAN_SLUG).order_by("pk").first()
    public = [
        ("/", "Home"),
        ("/themes/1/", "Theme 1"),
        ("/actions/", "Actions"),
        ("/actions/?theme=2&status=on_track", "Actions, filtered"),
        (f"/actions/{REAL_PLAN_SLUG}/{action.number}/", f"Action {action.number}"),
        ("/indicators/", "Indicators"),
        (f"/indicators/{indicator.pk}/", f"Indicator {indicator.code}"),
        ("/reports/", "Reports"),
        ("/open-data/", "Open data page"),
    ]
    pages = []
    for path, label in public:
        pages.append((path, label, False))
        pages.append(("/cy" + path, label + " (Welsh)", False))
    pages.append(("/data/actions.json", "Open data JSON", False))
    pages.append(("/staff/dashboard/", "SIG dashboard", True))
    pages.append((FLOOR, "Health check (floor)", False))
    return pages


def _timed(client: Client, path: str, before: Callable[[], None] | None = None) -> float:
    if before:
        before()
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise BenchError(f"{path} answered {response.status_code}, not 200.")
    return elapsed


def steady_measure(*, repeat: int, after_change: int, sig_user: User) -> dict:
    public, signed_in = Client(), Client()
    signed_in.force_login(sig_user)
    rows = {}
    for path, label, personal in steady_pages():
        client = signed_in if personal else public
        _timed(client, path)
        steady = [_timed(client, path) for _i in range(repeat)]
        changed = [_timed(client, path, data_version.bump) for _i in range(after_change)]
        rows[path] = {
            "label": label,
            "signed_in": personal,
            "median_ms": round(statistics.median(steady), 3),
            "p95_ms": round(percentile(steady, 0.95), 3),
            "after_change_median_ms": round(statistics.median(changed), 3),
            "cache": client.get(path).get("X-Page-Cache", ""),
        }
    floor = rows[FLOOR]["median_ms"] or 0.001
    for path, row in rows.items():
        row["ratio_to_floor"] = round(row["median_ms"] / floor, 1)
        row["after_change_ratio"] = round(row["after_change_median_ms"] / floor, 1)
        target = DASHBOARD_TARGET if row["signed_in"] else PUBLIC_TARGET
        row["target"] = None if path in (FLOOR, "/data/actions.json") else target
        row["within_target"] = row["target"] is None or row["ratio_to_floor"] <= target
    return rows


def steady_run(
    *, repeat: int, factor: int, seed: int = 2030, say: Callable[[str], None] = print
) -> dict:
    """Fill the (empty) database at `factor`, then time every page at steady state."""
    from actions.models import DeliveryPlan
    from core import roles
    from devtools.scale import real_plan_updates_seed, scale_seed

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if DeliveryPlan.objects.exists():
        raise BenchError("The benchmark database already holds delivery plans; give an empty one.")
    say("Loading the plan and seeding the data...")
    call_command("load_plan", verbosity=0)
    real_plan_updates_seed(seed=seed)
    sig_user = User.objects.create_user(SIG_USERNAME, password=None)
    sig_user.groups.add(roles.roles_ensure()[roles.SIG_MEMBER])
    if factor > 1:
        scale_seed(factor=factor, seed=seed)
    say(f"Timing steady state at {factor}x: {data_counts()}")
    rows = steady_measure(repeat=repeat, after_change=max(3, repeat // 10), sig_user=sig_user)
    return {
        "command": f"python manage.py bench --steady --repeat {repeat} --factor {factor}",
        "machine": machine(),
        "factor": factor,
        "repeat": repeat,
        "data": data_counts(),
        "pages": rows,
        "all_met": all(row["within_target"] for row in rows.values()),
        "seconds": round(time.perf_counter() - started, 1),
    }


def steady_table(result: dict) -> str:
    header = ("page", "path", "median ms", "p95 ms", "/floor", "target", "after change /floor")
    rows = [
        (
            row["label"],
            path,
            f"{row['median_ms']:.2f}",
            f"{row['p95_ms']:.2f}",
            f"{row['ratio_to_floor']:.1f}",
            "" if row["target"] is None else f"<= {row['target']}",
            f"{row['after_change_ratio']:.1f}",
        )
        for path, row in result["pages"].items()
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    head = "  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()
    m = result["machine"]
    return "\n".join(
        [
            head,
            "  ".join("-" * w for w in widths),
            *lines,
            "",
            f"Steady state at {result['factor']}x, {result['repeat']} requests per page; "
            f"targets met: {'yes' if result['all_met'] else 'NO'}.",
            f"Machine: {m['cpus']} CPUs, {m['database']}, Python {m['python']}; "
            f"run took {result['seconds']} s.",
        ]
    )
