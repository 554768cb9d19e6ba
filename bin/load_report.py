"""Summarise a bin/load run: wrk's totals and, from gunicorn's access log, each address.

wrk measures from the client (queueing included); the access log has the server's own time
for each request (%(D)s, microseconds). The run passes with no errors and no request at
2 seconds or more.
"""

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

LIMIT_MS = 2000
# access_log_format in tracker/gunicorn_conf.py:
# host [time] "request line" status bytes microseconds
ACCESS = re.compile(
    r'^\S+ \[[^\]]*\] "(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) \S+ (?P<us>\d+)$'
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wrk", type=Path, required=True)
    parser.add_argument("--access-log", type=Path, required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    wrk_text = args.wrk.read_text(encoding="utf-8")
    marker = next((line for line in wrk_text.splitlines() if line.startswith("LOAD_JSON ")), None)
    if marker is None:
        print(wrk_text, file=sys.stderr)
        print("wrk printed no summary (bin/load.lua's done()).", file=sys.stderr)
        return 1
    totals = json.loads(marker.removeprefix("LOAD_JSON "))

    by_path: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, int] = defaultdict(int)
    unparsed = 0
    for line in args.access_log.read_text(encoding="utf-8").splitlines():
        match = ACCESS.match(line)
        if not match:
            unparsed += 1
            continue
        by_path[match["path"]].append(int(match["us"]) / 1000)
        statuses[match["status"]] += 1
    server_times = [t for times in by_path.values() for t in times]
    pages = {
        path: {
            "requests": len(times),
            "median_ms": round(percentile(times, 0.5), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
        }
        for path, times in by_path.items()
    }
    errors = sum(totals["errors"].values())
    bad_status = sum(n for status, n in statuses.items() if not status.startswith(("2", "3")))
    slowest = max(totals["latency_ms"]["max"], max(server_times, default=0))
    result = {
        "command": args.command,
        "wrk": totals,
        "server": {
            "requests": len(server_times),
            "statuses": dict(statuses),
            "unparsed_lines": unparsed,
            "p95_ms": round(percentile(server_times, 0.95), 1) if server_times else None,
            "max_ms": round(max(server_times), 1) if server_times else None,
        },
        "pages": dict(sorted(pages.items(), key=lambda item: -item[1]["p95_ms"])),
        "targets": {
            "errors": errors + bad_status,
            "limit_ms": LIMIT_MS,
            "slowest_ms": slowest,
            "met": errors + bad_status == 0 and slowest < LIMIT_MS,
        },
    }

    w = totals
    print(f"Command: {args.command}")
    print(
        f"Requests: {w['requests']} in {w['seconds']:.1f} s = {w['requests_per_second']:.1f} "
        "requests per second"
    )
    lat = w["latency_ms"]
    print(
        f"Latency at the client (ms): p50 {lat['p50']:.1f}, p90 {lat['p90']:.1f}, "
        f"p95 {lat['p95']:.1f}, p99 {lat['p99']:.1f}, max {lat['max']:.1f}"
    )
    print(
        "Errors: "
        + ", ".join(f"{name} {count}" for name, count in w["errors"].items())
        + f"; responses other than 2xx/3xx in the server log: {bad_status}"
    )
    print("Slowest addresses by server p95 (ms):")
    print(f"  {'address':<48} {'requests':>8} {'median':>8} {'p95':>8} {'max':>8}")
    for path, row in list(result["pages"].items())[:12]:
        print(
            f"  {path[:48]:<48} {row['requests']:>8} {row['median_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['max_ms']:>8.1f}"
        )
    verdict = "met" if result["targets"]["met"] else "NOT MET"
    print(f"Target (0 errors, every request under {LIMIT_MS} ms): {verdict}")
    print("--- load JSON ---")
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["targets"]["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
