"""The files the service makes (report editions, meeting packs) go through Django's storage API,
never through paths on the local disk, so several hosts can share them in object storage.

``STORAGES["default"]`` chooses where they live (``FILE_STORAGE`` in the environment, README
"Shared file storage"): the local folder by default, or an S3-compatible bucket.

Writes are whole or nothing for a reader:

- on the local disk (``FileSystemStorage``) each file is written to a temporary name beside
  the real one and renamed over it, as before: a reader never sees half a file, and two
  workers writing the same file at once (a job delivered twice) each rename a whole one;
- on S3 (django-storages with ``file_overwrite``, the default) the bytes are complete before
  ``save`` is called and a PUT replaces an object in one step: readers get the old object or
  the new one, never part of one. S3 has no rename, so there is no temporary name;
- on any other storage that would not overwrite (it would pick another name), the old file is
  deleted first: a reader in between gets "not found", never half a file.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage

PARTIAL = ".partial"


def files_storage() -> Storage:
    return default_storage


def file_write(name: str, data: bytes, *, storage: Storage | None = None) -> None:
    """Put ``data`` under ``name`` (like "reports/x.pdf"), replacing any file of that name."""
    storage = storage or files_storage()
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=PARTIAL, delete=False) as f:
            f.write(data)
        if storage.file_permissions_mode is not None:
            os.chmod(f.name, storage.file_permissions_mode)
        Path(f.name).replace(path)
        return
    if storage.get_available_name(name) != name:
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        raise OSError(f"The file storage kept {name} as {saved}: it must overwrite in place.")


def file_open(name: str, *, storage: Storage | None = None) -> File | None:
    """The stored file, open for reading (close it, or hand it to a FileResponse), or None
    when there is no such file."""
    storage = storage or files_storage()
    if not name or not storage.exists(name):
        return None
    try:
        return storage.open(name, "rb")
    except FileNotFoundError:  # deleted between the two calls
        return None


def file_read(name: str, *, storage: Storage | None = None) -> bytes | None:
    handle = file_open(name, storage=storage)
    if handle is None:
        return None
    with handle:
        return handle.read()


def file_size(name: str, *, storage: Storage | None = None) -> int | None:
    storage = storage or files_storage()
    return storage.size(name) if name and storage.exists(name) else None


def file_names(*, storage: Storage | None = None, folder: str = "") -> list[str]:
    """Every stored file's name under ``folder``, sorted, without unfinished writes."""
    storage = storage or files_storage()
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files if not name.endswith(PARTIAL)]
    for sub in folders:
        names += file_names(storage=storage, folder=prefix + sub)
    return sorted(names)


def file_sha256(name: str, *, storage: Storage | None = None) -> str | None:
    handle = file_open(name, storage=storage)
    if handle is None:
        return None
    digest = hashlib.sha256()
    with handle:
        for chunk in handle.chunks():
            digest.update(chunk)
    return digest.hexdigest()
