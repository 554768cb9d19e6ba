"""A body over the upload limit gets a clear page in the reader's language, and nothing of it
is saved (core/upload_limit.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import ProgressUpdate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(role="Editor"))
    return client


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "What you sent is too large"), ("/cy", "Mae’r hyn a anfonoch yn rhy fawr")],
)
def test_an_upload_over_the_limit_gets_a_clear_page_in_the_readers_language(
    editor_client, settings, prefix, words
):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("values.csv", b"x" * (settings.MAX_UPLOAD_BYTES + 1))
    response = editor_client.post(f"{prefix}/staff/import/", {"kind": "updates", "file": big})
    assert response.status_code == 413
    body = response.content.decode()
    assert words in body and "1 MB" in body


def test_a_long_text_over_the_limit_saves_nothing(editor_client, real_plan, settings):
    settings.MAX_UPLOAD_BYTES = 64 * 1024
    response = editor_client.post(
        "/staff/actions/2024-2027/20/update/",
        {"status": "on_track", "summary_en": "x" * (settings.MAX_UPLOAD_BYTES + 1)},
    )
    assert response.status_code == 413
    assert not ProgressUpdate.objects.exists()


def test_a_body_without_its_length_is_measured_as_it_is_read(rf, settings):
    from django.core.exceptions import RequestDataTooBig

    from core.error_pages import bad_request

    response = bad_request(rf.get("/"), RequestDataTooBig("too big"))
    assert response.status_code == 413
