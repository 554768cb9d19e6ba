import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.bench import (
    JSON_MARKER,
    WORKER_ENV,
    BenchError,
    bench_run,
    bench_table,
    worker_command,
    worker_env,
)
from devtools.bench_steady import steady_run, steady_table
from devtools.scale import MAX_FACTOR


def _positive(name: str, low: int, high: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number from {low} to {high}, not {value!r}."
            ) from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number from {low} to {high}, not {number}."
            )
        return number

    return parse


class Command(BaseCommand):
    help = (
        "Time the main pages at 1x (the real plan with about 12 approved updates per action) "
        "and at --factor times more plans (seed_scale), in a throwaway SQLite database: the "
        "project's own database is never touched. Prints a table, then the results as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat",
            type=_positive("--repeat", 1, 1000),
            default=30,
            help="Timed requests per page (default 30).",
        )
        parser.add_argument(
            "--factor",
            type=_positive("--factor", 2, MAX_FACTOR),
            default=20,
            help=f"Synthetic plans for the scaled run, 2 to {MAX_FACTOR} (default 20).",
        )
        parser.add_argument("--seed", type=int, default=2030, help="seed_scale's seed.")
        parser.add_argument(
            "--json",
            type=Path,
            help="Write the JSON results to this file instead of printing them.",
        )
        parser.add_argument(
            "--database-url",
            help=(
                "An EMPTY database to fill instead of a temporary SQLite file, for example "
                "postgres://postgres@127.0.0.1:5432/tracker_bench. Its contents are replaced."
            ),
        )
        parser.add_argument(
            "--no-report", action="store_true", help="Do not time the annual report build."
        )
        parser.add_argument(
            "--steady",
            action="store_true",
            help=(
                "Issue 18's table instead: at --factor only, every public page in both languages "
                "warmed once then timed, as a ratio to /healthz, and the first render after a "
                "change (devtools/bench_steady.py)."
            ),
        )
        # Internal: the child process that really measures, on its own database.
        parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["worker"]:
            return self._worker(options)
        database_url = options["database_url"]
        if database_url and "sqlite" in database_url and _same_file(database_url):
            raise CommandError("--database-url is the project's own database; give an empty one.")
        with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
            out = Path(folder) / "result.json"
            database_url = database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            command = worker_command(
                out=out,
                repeat=options["repeat"],
                factor=options["factor"],
                seed=options["seed"],
                report=not options["no_report"],
            )
            if options["steady"]:
                command.append("--steady")
            self.stderr.write(f"Benchmark database: {database_url}")
            finished = subprocess.run(  # noqa: S603 - our own manage.py with our own arguments
                command,
                env=worker_env(database_url=database_url),
                cwd=settings.BASE_DIR,
                check=False,
            )
            if finished.returncode != 0 or not out.exists():
                raise CommandError(
                    f"The benchmark run failed (exit code {finished.returncode}); see above."
                )
            result = json.loads(out.read_text(encoding="utf-8"))
        self.stdout.write(steady_table(result) if options["steady"] else bench_table(result))
        text = json.dumps(result, indent=2)
        if options["json"]:
            options["json"].write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"JSON written to {options['json']}")
        else:
            self.stdout.write(JSON_MARKER)
            self.stdout.write(text)

    def _worker(self, options):
        if os.environ.get(WORKER_ENV) != "1":
            raise CommandError(
                "--worker is internal: run `python manage.py bench`, which starts it on a "
                "throwaway database."
            )
        try:
            if options["steady"]:
                result = steady_run(
                    repeat=options["repeat"],
                    factor=options["factor"],
                    seed=options["seed"],
                    say=lambda message: self.stderr.write(message),
                )
                options["worker"].write_text(json.dumps(result), encoding="utf-8")
                return
            result = bench_run(
                repeat=options["repeat"],
                factor=options["factor"],
                seed=options["seed"],
                report=not options["no_report"],
                say=lambda message: self.stderr.write(message),
            )
        except BenchError as exc:
            raise CommandError(str(exc)) from exc
        options["worker"].write_text(json.dumps(result), encoding="utf-8")


def _same_file(database_url: str) -> bool:
    """Is this SQLite URL the database the project itself uses?"""
    own = connection.settings_dict.get("NAME")
    path = database_url.split("sqlite:///", 1)[-1]
    try:
        return bool(own) and Path(path).resolve() == Path(str(own)).resolve()
    except OSError:
        return False
