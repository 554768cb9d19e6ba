"""Starts the test OpenID Connect provider in a second process and waits until it answers.

Only Python packages are needed (django-oauth-toolkit, cryptography), so it runs wherever the
tests run, CI included. The provider gets its own SQLite file and signing key in a temporary
folder, and a free port on this machine.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.oidc_provider.people import CLIENT_ID, CLIENT_SECRET

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60


@dataclass(frozen=True)
class Provider:
    url: str
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write_signing_key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "django", *args], cwd=ROOT, env=env, check=True
    )


@contextmanager
def provider_running(folder: Path, *, redirect_uris: list[str]) -> Iterator[Provider]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    provider = Provider(url=url, issuer=f"{url}/o")
    _write_signing_key(folder / "signing-key.pem")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
        OIDC_PROVIDER_DIR=str(folder),
        OIDC_PROVIDER_ISSUER=provider.issuer,
        PYTHONPATH=str(ROOT),
    )
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    redirects = [arg for uri in redirect_uris for arg in ("--redirect-uri", uri)]
    _manage(env, "provider_setup", *redirects)
    log_path = folder / "provider.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_ready(provider, process, log_path)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(provider: Provider, process: subprocess.Popen, log_path: Path) -> None:
    discovery = provider.issuer + "/.well-known/openid-configuration"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"The test OpenID Connect provider stopped:\n{log_path.read_text()[-3000:]}"
            )
        try:
            if requests.get(discovery, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"The test OpenID Connect provider did not answer {discovery} within "
        f"{START_SECONDS} s:\n{log_path.read_text()[-3000:]}"
    )
