"""Report files go through Django's storage API (core/files.py), so they can live in shared
object storage: a real build, publication and download with a storage that is not a folder
on the disk, the whole-or-nothing writes, and the settings that choose the storage."""

import hashlib
import json
import zipfile

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import (
    FileSystemStorage,
    InMemoryStorage,
    default_storage,
    storages,
)
from django.core.management import call_command
from django.utils import timezone
from storages.backends.s3 import S3Storage  # the s3 extra, also a dev dependency

from core.env import read_file_storage
from core.files import file_names, file_read, file_sha256, file_write
from reports.models import AnnualReport, ReportRun

IN_MEMORY = {"BACKEND": "django.core.files.storage.InMemoryStorage"}


@pytest.fixture
def in_memory(settings, tmp_path):
    """Files in memory only: any code still writing under MEDIA_ROOT would leave a file in
    tmp_path (the reports conftest points MEDIA_ROOT there)."""
    settings.STORAGES = {**settings.STORAGES, "default": IN_MEMORY}
    storage = storages["default"]
    assert isinstance(storage, InMemoryStorage) and default_storage.exists("x") is False
    yield storage
    assert not any(tmp_path.rglob("*")), "a file was written to the disk, not the storage"


@pytest.mark.django_db
def test_a_report_builds_publishes_and_downloads_through_a_storage_that_is_not_a_folder(
    in_memory, publish, client, editions, tmp_path
):
    english = editions["en"]
    draft_sha256 = english.pdf_sha256
    assert in_memory.exists(english.pdf_file) and in_memory.exists(english.html_file)
    pdf = file_read(english.pdf_file)
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == english.pdf_sha256
    assert file_sha256(english.html_file) == english.html_sha256

    # The staff preview reads the built files back from the storage.
    response = client.get(f"/staff/reports/{english.pk}/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert client.get(f"/staff/reports/{english.pk}/html/").content == file_read(english.html_file)

    # Publishing reads the preview's print source and writes the final editions there too.
    assert publish(english, confirm="on").status_code == 302
    english.refresh_from_db()
    assert english.published_at and english.pdf_file.endswith("-v1.pdf")
    final = file_read(english.pdf_file)
    assert hashlib.sha256(final).hexdigest() == english.pdf_sha256 != draft_sha256

    client.logout()
    response = client.get(f"/reports/{english.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "annual-progress-report-2024-en-v1.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == final
    page = client.get(f"/reports/{english.pk}/")
    assert page.status_code == 200 and page.content == file_read(english.html_file)


@pytest.mark.django_db
def test_a_missing_file_is_not_found_not_an_error(in_memory, client, editions):
    english = editions["en"]
    in_memory.delete(english.pdf_file)
    assert client.get(f"/staff/reports/{english.pk}/pdf/").status_code == 404


@pytest.mark.django_db
def test_the_export_reads_published_files_from_the_storage(in_memory, tmp_path, real_plan):
    file_write("reports/published.pdf", b"%PDF-1.7 published")
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    ReportRun.objects.create(
        report=report,
        language="en",
        as_at="2025-03-31",
        status="ready",
        pdf_file="reports/published.pdf",
        published_at=timezone.now(),
        version=1,
    )
    target = tmp_path.parent / f"{tmp_path.name}-export.zip"
    call_command("export_all", str(target))
    with zipfile.ZipFile(target) as archive:
        assert archive.read("files/reports/published.pdf") == b"%PDF-1.7 published"
        manifest = json.loads(archive.read("manifest.json"))
    target.unlink()
    expected = hashlib.sha256(b"%PDF-1.7 published").hexdigest()
    assert manifest["files"] == {"reports/published.pdf": expected}


def test_writes_replace_a_file_whole_on_the_disk_and_leave_no_temporary_file(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    file_write("reports/a.pdf", b"first", storage=storage)
    file_write("reports/a.pdf", b"second, longer", storage=storage)
    assert (tmp_path / "reports" / "a.pdf").read_bytes() == b"second, longer"
    assert [p.name for p in (tmp_path / "reports").iterdir()] == ["a.pdf"]
    assert file_names(storage=storage) == ["reports/a.pdf"]


def test_writes_replace_a_file_in_a_storage_that_would_pick_another_name():
    storage = InMemoryStorage()
    file_write("meetings/pack.pdf", b"first", storage=storage)
    file_write("meetings/pack.pdf", b"second", storage=storage)
    assert file_names(storage=storage) == ["meetings/pack.pdf"]
    assert file_read("meetings/pack.pdf", storage=storage) == b"second"
    assert file_read("meetings/other.pdf", storage=storage) is None
    assert file_names(storage=storage, folder="nowhere") == []


def test_the_local_disk_is_the_default(monkeypatch):
    monkeypatch.delenv("FILE_STORAGE", raising=False)
    assert read_file_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"FILE_STORAGE": "ftp"}, "FILE_STORAGE has an invalid value 'ftp'"),
        ({"FILE_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME is not set"),
        (
            {"FILE_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "minio"},
            "AWS_S3_ENDPOINT_URL has an invalid value 'minio'",
        ),
        (
            {"FILE_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ACCESS_KEY_ID": "k"},
            "AWS_S3_SECRET_ACCESS_KEY is not set",
        ),
        (
            {"FILE_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ADDRESSING_STYLE": "x"},
            "AWS_S3_ADDRESSING_STYLE has an invalid value 'x'",
        ),
    ],
)
def test_a_bad_storage_setting_names_the_variable(monkeypatch, environment, named):
    for variable in ("AWS_S3_ENDPOINT_URL", "AWS_S3_ACCESS_KEY_ID", "AWS_S3_ADDRESSING_STYLE"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=named):
        read_file_storage()


def test_s3_settings_make_a_working_s3_storage(monkeypatch):
    environment = {
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "tracker-files",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_S3_ACCESS_KEY_ID": "key",
        "AWS_S3_SECRET_ACCESS_KEY": "secret",
        "AWS_LOCATION": "tracker",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    config = read_file_storage()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**config["OPTIONS"])  # no request is made until a file is touched
    assert storage.bucket_name == "tracker-files"
    assert storage.endpoint_url == "https://objects.example.org"
    assert storage.location == "tracker" and storage.file_overwrite is True
    # Overwriting in place: core.files saves a new edition under the same name.
    assert storage.get_available_name("reports/a.pdf") == "reports/a.pdf"
