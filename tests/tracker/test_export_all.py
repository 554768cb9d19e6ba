"""manage.py export_all: every table of ours with its history, accounts without passwords, and
the published report files, in one zip whose manifest matches what it holds."""

import hashlib
import json
import zipfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from reports.models import AnnualReport, ReportRun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_export_holds_every_row_and_published_file_and_no_password(real_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "reports").mkdir(parents=True)
    pdf = b"%PDF-1.7 published"
    (settings.MEDIA_ROOT / "reports" / "r.pdf").write_bytes(pdf)
    (settings.MEDIA_ROOT / "reports" / "draft.pdf").write_bytes(b"%PDF draft")
    editor = UserFactory(username="gwen", role="Editor")
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    for name, published in (("r.pdf", timezone.now()), ("draft.pdf", None)):
        ReportRun.objects.create(
            report=report,
            language="en" if published else "cy",
            as_at="2025-03-31",
            status="ready",
            pdf_file=f"reports/{name}",
            published_at=published,
            version=1 if published else None,
        )
    target = tmp_path / "export.zip"
    call_command("export_all", str(target))
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        actions = json.loads(archive.read("data/actions.action.json"))
        history = json.loads(archive.read("data/actions.historicalaction.json"))
        users = archive.read("data/auth.user.json").decode()
        assert archive.read("files/reports/r.pdf") == pdf
        everything = b"".join(archive.read(name) for name in names)
    # Counted from the database, not from the export itself.
    assert len(actions) == apps.get_model("actions", "Action").objects.count()
    assert len(history) == apps.get_model("actions", "HistoricalAction").objects.count() > 0
    assert manifest["tables"]["actions.action"] == len(actions)
    assert manifest["files"] == {"reports/r.pdf": hashlib.sha256(pdf).hexdigest()}
    assert "files/reports/draft.pdf" not in names  # only what was published
    assert '"username": "gwen"' in users
    assert editor.password.encode() not in everything and b'"password"' not in everything
    assert "README.md" in names
