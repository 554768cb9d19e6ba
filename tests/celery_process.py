"""Real Celery workers and a Redis server of the test's own, for the real-worker tests, and
the one worker the browser tests send their jobs to (BrowserWorker)."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

# Not imported from tests.conftest: the worker process imports this module (OutboxBackend).
ROOT = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    # The worker must see the test database, which pytest-django created under its own name.
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            raise RuntimeError(
                "A worker process cannot open an in-memory SQLite test database: give the "
                "test database a file (tests/conftest.py does when browser tests run)."
            )
        return f"sqlite:///{name}"
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{url}/{name}"


def start_worker(
    *,
    broker_url: str,
    queue: str | None = None,
    loglevel: str = "WARNING",
    log=None,
    **env_overrides,
):
    """A worker in its own process, on a queue of its own. Returns (process, queue).

    ``broker_url`` is a Redis URL, or "" for the SQLite queue file that CELERY_QUEUE_FILE (in
    ``env_overrides``) names; ``log`` is an open file for its output."""
    queue = queue or f"test-{uuid.uuid4().hex[:10]}"
    env = dict(os.environ)
    env.update(
        DATABASE_URL=test_database_url(),
        REDIS_URL=broker_url,
        CELERY_TASK_ALWAYS_EAGER="false",
        CELERY_QUEUE=queue,  # what the worker itself sends (its start-up recovery) comes back here
    )
    env.update({name: str(value) for name, value in env_overrides.items()})
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tracker",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            f"--loglevel={loglevel}",
            "-Q",
            queue,
            "-n",
            f"{queue}-{uuid.uuid4().hex[:4]}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
    )
    return process, queue


def stop(process, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server on a port of its own, never CI's shared one, that a test may stop."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RuntimeError("redis-server is needed: sudo apt-get install redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


def wait_for(predicate, timeout: float, step: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# The browser tests' worker ------------------------------------------------------------------
# Issue 12: "Browser tests and real-worker tests use a real worker". One worker serves the whole
# browser session: the test process (and its live server) sends every job to it, through the
# broker the settings name (Redis, or without REDIS_URL the SQLite queue file), on a queue of
# its own so that no other worker on that broker takes them.
WORKER_SETTINGS = "tests.worker_settings"
OUTBOX = "TEST_WORKER_OUTBOX"
# Lines of Celery's log at INFO: the worker is ready, and a task was received or finished.
_READY = re.compile(r"\bready\.$", re.MULTILINE)


def _task_line(task_id: str, what: str) -> re.Pattern:
    return re.compile(rf"Task [\w.]+\[{re.escape(task_id)}\] {what}")


class OutboxBackend(BaseEmailBackend):
    """The worker's email backend: each message as a JSON file in the folder TEST_WORKER_OUTBOX
    names, which the test process reads (its own mail.outbox cannot see another process)."""

    def send_messages(self, messages) -> int:
        folder = Path(os.environ[OUTBOX])
        for message in messages:
            record = {"to": list(message.to), "subject": str(message.subject), "body": message.body}
            partial = folder / f".{uuid.uuid4().hex}.partial"
            partial.write_text(json.dumps(record), encoding="utf-8")
            # Renamed whole, so the test never reads half a message.
            partial.replace(folder / f"{time.time_ns()}-{uuid.uuid4().hex[:6]}.json")
        return len(messages)


def _broker_environment(broker_url: str) -> dict[str, str]:
    """What makes a worker's settings name the broker this process sends to."""
    if broker_url.startswith(("redis://", "rediss://")):
        return {"REDIS_URL": broker_url}
    prefix = "sqla+sqlite:///"
    if not broker_url.startswith(prefix):
        raise RuntimeError(f"The browser tests' worker cannot use the broker {broker_url!r}.")
    queue_file = Path(broker_url.removeprefix(prefix))
    queue_file.parent.mkdir(parents=True, exist_ok=True)  # var/ in a fresh checkout
    return {"REDIS_URL": "", "CELERY_QUEUE_FILE": str(queue_file)}


class BrowserWorker:
    """A real worker process for the browser tests, with the media folder and an email outbox
    that the test process shares."""

    def __init__(self, folder: Path, *, broker_url: str, start_timeout: float = 60):
        self.media_root = folder / "media"
        self.outbox_dir = folder / "outbox"
        self.log_path = folder / "worker.log"
        for path in (self.media_root, self.outbox_dir):
            path.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("w")
        broker = _broker_environment(broker_url)
        self.process, self.queue = start_worker(
            broker_url=broker.pop("REDIS_URL"),
            loglevel="INFO",
            log=self._log,
            DJANGO_SETTINGS_MODULE=WORKER_SETTINGS,
            TEST_WORKER_MEDIA_ROOT=self.media_root,
            **{OUTBOX: self.outbox_dir},
            **broker,
        )
        if not wait_for(
            lambda: _READY.search(self.log()) or self.process.poll() is not None,
            timeout=start_timeout,
        ):
            self.stop()
            raise RuntimeError(
                f"The worker was not ready after {start_timeout:.0f} s:\n{self.log()}"
            )
        if self.process.poll() is not None:
            raise RuntimeError(f"The worker stopped as it started:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def received(self, task_id: str) -> bool:
        return bool(_task_line(task_id, "received").search(self.log()))

    def succeeded(self, task_id: str) -> bool:
        return bool(_task_line(task_id, "succeeded").search(self.log()))

    def unfinished(self, task_ids, timeout: float = 120) -> list[str]:
        """The jobs among ``task_ids`` the worker has not finished after waiting ``timeout``
        seconds for them all (a retried job is not finished until its last try)."""

        def left() -> list[str]:
            log = self.log()
            done = "(succeeded|raised|failed|rejected|ignored)"
            return [i for i in task_ids if not _task_line(i, done).search(log)]

        wait_for(lambda: not left(), timeout=timeout, step=0.5)
        return left()

    def report_built(self, run, timeout: float = 240):
        """The report run once the worker has built it (its status ready or failed)."""
        from reports.models import ReportRun

        def finished():
            return ReportRun.objects.filter(pk=run.pk, status__in=["ready", "failed"]).first()

        wait_for(finished, timeout=timeout, step=0.5)
        built = finished()
        assert built is not None, f"The worker did not build report run {run.pk} in {timeout} s."
        assert built.status == "ready", built.failure_reason
        return built

    def outbox(self) -> list[dict]:
        """The emails the worker has sent since the outbox was last emptied, oldest first."""
        files = sorted(self.outbox_dir.glob("*.json"))
        return [json.loads(path.read_text(encoding="utf-8")) for path in files]

    def outbox_clear(self) -> None:
        for path in self.outbox_dir.glob("*.json"):
            path.unlink()

    def stop(self) -> None:
        stop(self.process)
        self._log.close()
