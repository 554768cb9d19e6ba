"""A full export of the tracker for another system: every table of ours as JSON (history
included), the accounts without their passwords, and the published report files, in one zip
with a manifest of counts and checksums. The format is in docs/operations.md."""

import datetime
import hashlib
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.utils import timezone

from core.files import file_read
from reports.models import ReportRun

APPS = ("themes", "actions", "measures", "reports", "sig", "core", "auth")
# Never leaves the service: password hashes, and Django's own permission table.
LEFT_OUT_FIELDS = {"auth.user": {"password"}, "core.historicaluser": {"password"}}
LEFT_OUT_MODELS = {"auth.permission"}

README = """# Workforce Strategy Tracker: full export

- data/<app>.<model>.json: every row of each table, in Django's JSON serialisation
  ([{"model": ..., "pk": ..., "fields": {...}}]). Tables named "historical..." are the audit
  history: one row per saved version, with history_date, history_user and history_type
  (+ created, ~ changed, - deleted).
- files/: the published annual report files (PDF and HTML), under the names the rows of
  data/reports.reportrun.json give in pdf_file and html_file.
- manifest.json: when the export was made, the row count of every table and the sha256 of
  every file, to check that nothing was lost on the way.

Passwords are not exported: people set a new one on the new system.
"""


def _models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in APPS and label not in LEFT_OUT_MODELS:
            yield label, model


def _fields(label: str, model) -> list[str] | None:
    left_out = LEFT_OUT_FIELDS.get(label)
    if not left_out:
        return None  # every field
    return [
        f.name for f in model._meta.concrete_fields if f.name not in left_out and not f.primary_key
    ]


def export_all(*, path: Path) -> dict:
    counts: dict[str, int] = {}
    files: dict[str, str] = {}
    partial = path.with_suffix(path.suffix + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, model in sorted(_models()):
            rows = model._default_manager.order_by("pk")
            counts[label] = rows.count()
            archive.writestr(
                f"data/{label}.json",
                serializers.serialize("json", rows, fields=_fields(label, model), indent=1),
            )
        published = ReportRun.objects.filter(published_at__isnull=False)
        for name in sorted({n for run in published for n in (run.pdf_file, run.html_file) if n}):
            data = file_read(name)  # through the file storage (core.files)
            if data is not None:
                archive.writestr(f"files/{name}", data)
                files[name] = hashlib.sha256(data).hexdigest()
        manifest = {
            "format": 1,
            "exported_at": timezone.now().isoformat(timespec="seconds"),
            "tables": counts,
            "files": files,
            "licence": getattr(settings, "OPEN_DATA_LICENCE", ""),
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
        archive.writestr("README.md", README)
    partial.replace(path)  # never a half-written export under the real name
    return manifest


def default_name() -> str:
    return f"tracker-export-{datetime.date.today().isoformat()}.zip"
