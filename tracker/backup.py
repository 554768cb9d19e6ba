"""Backup and restore of the whole service: the database (every table, history included) and
the report files, with a manifest that a restore checks itself against.

A backup is a folder:
- ``database.dump`` (PostgreSQL, from pg_dump's custom format) or ``database.sqlite3`` (SQLite,
  a consistent copy made with SQLite's own online backup);
- ``media/``: the report files and meeting packs, as the file storage holds them (the local
  folder or an S3 bucket: read and written through core.files, never as paths);
- ``manifest.json``: the row count of every table and the sha256 of every file.

A restore puts both back into a database that must be empty and into the file storage, then
counts the rows and hashes the files again, as the storage gives them back; any difference is
an error naming the table or file.
"""

import hashlib
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.files.storage import Storage
from django.db import connection

from core.files import file_names, file_open, file_sha256, file_write

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.endswith(".partial")
    }


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - our own table names
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_url(settings_dict: dict) -> str:
    user, host = settings_dict.get("USER") or "", settings_dict.get("HOST") or "localhost"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgresql://{auth}{host}{port}/{settings_dict['NAME']}"


def _run(command: list[str]) -> None:
    binary = shutil.which(command[0])
    if binary is None:
        raise BackupError(f"{command[0]} is needed: sudo apt-get install postgresql-client")
    result = subprocess.run([binary, *command[1:]], capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def backup_create(*, folder: Path) -> dict:
    """Back up the database and the report files into ``folder`` (which must not exist)."""
    if folder.exists():
        raise BackupError(f"{folder} already exists: choose a new folder for the backup.")
    folder.mkdir(parents=True)
    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = table_counts(cursor, tables)
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(folder / "database.dump"),
                "--dbname",
                _pg_url(connection.settings_dict),
            ]
        )
        database_file = "database.dump"
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
        database_file = "database.sqlite3"
    else:
        raise BackupError(f"Backing up a {connection.vendor} database is not supported.")
    for name in file_names():
        handle = file_open(name)
        if handle is None:  # deleted while the backup ran
            continue
        target = folder / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with handle, target.open("wb") as out:
            for chunk in handle.chunks():
                out.write(chunk)
    manifest = {
        "format": 1,
        "database_vendor": connection.vendor,
        "database_file": database_file,
        "tables": counts,
        "files": file_hashes(folder / "media"),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _target_cursor(target: dict):
    if target["ENGINE"].endswith("sqlite3"):
        return sqlite3.connect(target["NAME"])
    import psycopg

    return psycopg.connect(_pg_url(target))


def backup_restore(*, folder: Path, target: dict, storage: Storage | None = None) -> dict:
    """Restore a backup into the empty database ``target`` (Django DATABASES settings) and the
    report files into ``storage`` (default: the configured file storage), then check rows and
    files against the manifest."""
    manifest = json.loads((folder / MANIFEST).read_text())
    vendor = "sqlite" if target["ENGINE"].endswith("sqlite3") else "postgresql"
    if vendor != manifest["database_vendor"]:
        raise BackupError(
            f"This backup is of a {manifest['database_vendor']} database; restore it into one."
        )
    if vendor == "sqlite":
        destination = Path(target["NAME"])
        if destination.exists() and destination.stat().st_size:
            raise BackupError(f"{destination} is not empty: restore into a new database.")
        shutil.copyfile(folder / manifest["database_file"], destination)
    else:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                _pg_url(target),
                str(folder / manifest["database_file"]),
            ]
        )
    for name in file_hashes(folder / "media"):
        file_write(name, (folder / "media" / name).read_bytes(), storage=storage)
    problems = []
    database = _target_cursor(target)
    try:
        cursor = database.cursor()
        counts = table_counts(cursor, sorted(manifest["tables"]))
    finally:
        database.close()
    problems += [
        f"table {table}: {counts[table]} rows, the backup had {expected}"
        for table, expected in manifest["tables"].items()
        if counts[table] != expected
    ]
    restored = {name: file_sha256(name, storage=storage) for name in manifest["files"]}
    problems += [
        f"file {name}: missing or changed"
        for name, digest in manifest["files"].items()
        if restored[name] != digest
    ]
    if problems:
        raise BackupError("The restore does not match the backup: " + "; ".join(problems))
    return {"tables": len(counts), "rows": sum(counts.values()), "files": len(restored)}
