"""The restore drill: back up, restore into a fresh database, and find every row, every
history row and every report file as they were (docs/operations.md, "Backup and restore")."""

import hashlib
import sqlite3
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from reports.models import AnnualReport, ReportRun
from tests.factories import UserFactory
from tracker.backup import _pg_url

pytestmark = [
    # The backup reads what is committed, as in production.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("plan_restored"),
]


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the same kind as the tests' own, and its address."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"restore_drill_{uuid.uuid4().hex[:8]}"
    admin_url = _pg_url({**connection.settings_dict, "NAME": "postgres"})
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield _pg_url({**connection.settings_dict, "NAME": name})
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _counts(cursor, tables):
    result = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - introspected names
        result[table] = cursor.fetchone()[0]
    return result


def _connect(url: str):
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"))
    return psycopg.connect(url)


@pytest.fixture
def published_file(real_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "reports").mkdir(parents=True)
    data = b"%PDF-1.7 a published report"
    (settings.MEDIA_ROOT / "reports" / "report-2024-en.pdf").write_bytes(data)
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    report.introduction = "Changed once, so the report has two history rows."
    report.save()
    ReportRun.objects.create(
        report=report,
        language="en",
        as_at="2025-03-31",
        status="ready",
        pdf_file="reports/report-2024-en.pdf",
        pdf_sha256=hashlib.sha256(data).hexdigest(),
        created_by=UserFactory(role="Editor"),
    )


def test_a_restore_brings_back_every_row_history_row_and_report_file(
    published_file, fresh_database, tmp_path
):
    call_command("backup", str(tmp_path / "backup"))
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore",
        str(tmp_path / "backup"),
        "--database-url",
        fresh_database,
        "--media-root",
        str(restored_media),
    )
    # Checked here on their own, not only by the command's own check.
    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        before = _counts(cursor, tables)
    restored = _connect(fresh_database)
    try:
        after = _counts(restored.cursor(), tables)
        cursor = restored.cursor()
        cursor.execute("SELECT pdf_file, pdf_sha256 FROM reports_reportrun")
        files = cursor.fetchall()
    finally:
        restored.close()
    assert after == before
    history = {t: n for t, n in before.items() if "historical" in t}
    assert sum(history.values()) > 0 and history["reports_historicalannualreport"] == 2
    assert files
    for name, digest in files:
        assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == digest


def test_a_restore_that_does_not_match_its_backup_names_what_differs(
    published_file, fresh_database, tmp_path
):
    call_command("backup", str(tmp_path / "backup"))
    (tmp_path / "backup" / "media" / "reports" / "report-2024-en.pdf").write_bytes(b"tampered")
    with pytest.raises(CommandError, match="file reports/report-2024-en.pdf: missing or changed"):
        call_command(
            "restore",
            str(tmp_path / "backup"),
            "--database-url",
            fresh_database,
            "--media-root",
            str(tmp_path / "restored-media"),
        )


def test_a_backup_never_overwrites_an_earlier_one(published_file, tmp_path):
    (tmp_path / "backup").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path / "backup"))
