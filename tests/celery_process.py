"""Real Celery workers and a Redis server of the test's own, for the real-worker tests."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

from django.db import connection

from tests.conftest import ROOT


def test_database_url() -> str:
    # The worker must see the test database, which pytest-django created under its own name.
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{url}/{connection.settings_dict['NAME']}"


def start_worker(*, broker_url: str, queue: str | None = None, **env_overrides):
    """A worker in its own process, on a queue of its own. Returns (process, queue)."""
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
            "--loglevel=WARNING",
            "-Q",
            queue,
            "-n",
            f"{queue}-{uuid.uuid4().hex[:4]}@%h",
        ],
        cwd=ROOT,
        env=env,
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
