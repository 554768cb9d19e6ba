"""Summarise a bin/load run: wrk's totals for each phase and, from gunicorn's access log, each
address.

Phases (each its own wrk run against the same server):
- ``public``: the public mix (public pages in English and Welsh, and the open data). Targets
  (issue 18): at least --min-rate requests per second, p99 at the client under --p99-ms, and no
  errors;
- ``static``: one static file from the same server, the ceiling: the public mix's rate is
  reported as a share of its rate. No errors;
- ``signed-in``: the SIG dashboard and the audit log with a signed-in SIG member's cookie,
  reported on their own. No errors, no request at 2 seconds or more.

wrk measures from the client (queueing included); the access log has the server's own time
for each request (%(D)s, microseconds).
"""

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

LIMIT_MS = 2000
MIN_RATE = 300
P99_MS = 250
# access_log_format in tracker/gunicorn_conf.py:
# host [time] "request line" status bytes microseconds
ACCESS = re.compile(
    r'^\S+ \[[^\]]*\] "(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) \S+ (?P<us>\d+)$'
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class ReportError(Exception):
    pass


def wrk_totals(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    marker = next((line for line in text.splitlines() if line.startswith("LOAD_JSON ")), None)
    if marker is None:
        print(text, file=sys.stderr)
        raise ReportError(f"wrk printed no summary in {path} (bin/load.lua's done()).")
    return json.loads(marker.removeprefix("LOAD_JSON "))


def server_side(path: Path) -> dict:
    by_path: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, int] = defaultdict(int)
    unparsed = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ACCESS.match(line)
        if not match:
            unparsed += 1
            continue
        by_path[match["path"]].append(int(match["us"]) / 1000)
        statuses[match["status"]] += 1
    times = [t for values in by_path.values() for t in values]
    pages = {
        address: {
            "requests": len(values),
            "median_ms": round(percentile(values, 0.5), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "max_ms": round(max(values), 1),
        }
        for address, values in by_path.items()
    }
    return {
        "requests": len(times),
        "statuses": dict(statuses),
        "unparsed_lines": unparsed,
        "p95_ms": round(percentile(times, 0.95), 1) if times else None,
        "max_ms": round(max(times), 1) if times else None,
        "bad_status": sum(n for s, n in statuses.items() if not s.startswith(("2", "3"))),
        "pages": dict(sorted(pages.items(), key=lambda item: -item[1]["p95_ms"])),
    }


def phase(name: str, wrk: Path, log: Path, *, min_rate: float, p99_ms: float) -> dict:
    totals, server = wrk_totals(wrk), server_side(log)
    errors = sum(totals["errors"].values()) + server["bad_status"]
    slowest = max(totals["latency_ms"]["max"], server["max_ms"] or 0)
    checks = {"errors": errors == 0}
    if name == "public":
        checks["rate"] = totals["requests_per_second"] >= min_rate
        checks["p99"] = totals["latency_ms"]["p99"] < p99_ms
    if name == "signed-in":
        checks["slowest"] = slowest < LIMIT_MS
    return {
        "wrk": totals,
        "server": server,
        "errors": errors,
        "slowest_ms": slowest,
        "checks": checks,
        "met": all(checks.values()),
    }


def describe(name: str, result: dict, *, min_rate: float, p99_ms: float) -> list[str]:
    w, lat = result["wrk"], result["wrk"]["latency_ms"]
    wanted = {
        "public": f"at least {min_rate:g} requests/s, p99 under {p99_ms:g} ms, 0 errors",
        "static": "0 errors",
        "signed-in": f"0 errors, every request under {LIMIT_MS} ms",
    }[name]
    lines = [
        f"== {name}",
        f"Requests: {w['requests']} in {w['seconds']:.1f} s = {w['requests_per_second']:.1f} "
        "requests per second",
        f"Latency at the client (ms): p50 {lat['p50']:.1f}, p90 {lat['p90']:.1f}, "
        f"p95 {lat['p95']:.1f}, p99 {lat['p99']:.1f}, max {lat['max']:.1f}",
        "Errors: "
        + ", ".join(f"{kind} {count}" for kind, count in w["errors"].items())
        + f"; responses other than 2xx/3xx in the server log: {result['server']['bad_status']}",
    ]
    if name != "static":
        lines.append("Slowest addresses by server p95 (ms):")
        lines.append(f"  {'address':<48} {'requests':>8} {'median':>8} {'p95':>8} {'max':>8}")
        for address, row in list(result["server"]["pages"].items())[:10]:
            lines.append(
                f"  {address[:48]:<48} {row['requests']:>8} {row['median_ms']:>8.1f} "
                f"{row['p95_ms']:>8.1f} {row['max_ms']:>8.1f}"
            )
    lines.append(f"Target ({wanted}): {'met' if result['met'] else 'NOT MET'}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("public", "static", "signed-in"):
        parser.add_argument(f"--{name}-wrk", type=Path, required=name == "public")
        parser.add_argument(f"--{name}-log", type=Path, required=name == "public")
    parser.add_argument("--command", required=True)
    parser.add_argument("--min-rate", type=float, default=MIN_RATE)
    parser.add_argument("--p99-ms", type=float, default=P99_MS)
    parser.add_argument("--note", default="", help="Printed with the figures (e.g. the load).")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    limits = {"min_rate": args.min_rate, "p99_ms": args.p99_ms}
    phases = {}
    try:
        for name in ("public", "static", "signed-in"):
            attribute = name.replace("-", "_")
            wrk, log = getattr(args, f"{attribute}_wrk"), getattr(args, f"{attribute}_log")
            if wrk is not None:
                phases[name] = phase(name, wrk, log, **limits)
    except ReportError as exc:
        print(exc, file=sys.stderr)
        return 1
    result = {"command": args.command, "note": args.note, "targets": limits, "phases": phases}
    if "static" in phases:
        ceiling = phases["static"]["wrk"]["requests_per_second"]
        share = phases["public"]["wrk"]["requests_per_second"] / ceiling if ceiling else 0
        result["public_share_of_static"] = round(share, 3)
    result["met"] = all(p["met"] for p in phases.values())

    print(f"Command: {args.command}")
    if args.note:
        print(f"Note: {args.note}")
    for name, item in phases.items():
        print("\n".join(describe(name, item, **limits)))
    if "public_share_of_static" in result:
        print(
            f"The public mix ran at {result['public_share_of_static']:.1%} of the static file's "
            "rate from the same server."
        )
    print(f"All targets: {'met' if result['met'] else 'NOT MET'}")
    print("--- load JSON ---")
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
