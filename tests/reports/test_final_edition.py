"""A build is a preview whose cover says "Draft"; publishing makes the final edition, with its
publication date and version on the cover and otherwise the preview's words, for both
languages or neither, and lists the SHA-256 of the files it serves."""

import datetime
import hashlib
import io
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from reports.models import AnnualReport, ReportRun
from reports.publishing import (
    edition_facts,
    report_final_edition,
    report_publication_finish,
    report_publications_recover,
    report_publish_editions,
)

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    # A PDF's line breaks fall anywhere: compare words with the white space taken out.
    return re.sub(r"\s+", "", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _cover(html: str) -> str:
    return html[html.index('<dl class="report-edition">') :].split("</dl>", 1)[0]


def _file(settings, name: str) -> bytes:
    return (settings.MEDIA_ROOT / name).read_bytes()


def test_a_build_is_a_preview_whose_cover_says_draft(editions, settings):
    english = editions["en"]
    cover = _cover(_file(settings, english.html_file).decode())
    assert "Draft" in cover and "not published; it may still change." in cover
    assert "Version" not in cover and "Published" not in cover
    text = _text(_file(settings, english.pdf_file))
    assert "Draft:notpublished;itmaystillchange." in text
    welsh_cover = _cover(_file(settings, editions["cy"].html_file).decode())
    assert 'class="report-draft"' in welsh_cover


def test_publishing_puts_the_date_and_version_on_the_cover_of_both_editions(
    editions, publish, client, settings
):
    assert publish(editions["en"], confirm="on").status_code == 302
    client.logout()
    for language, run in editions.items():
        run.refresh_from_db()
        assert run.version == 1 and run.published_at is not None
        with translation.override(language):
            published_on = date_format(timezone.localtime(run.published_at), "j F Y")
        prefix = "/cy" if language == "cy" else ""
        cover = _cover(client.get(f"{prefix}/reports/{run.pk}/").content.decode())
        assert f"<dd>{published_on}</dd>" in cover
        assert re.search(r"<dd>1</dd>", cover)
        assert 'class="report-draft"' not in cover
        pdf = b"".join(client.get(f"/reports/{run.pk}/pdf/").streaming_content)
        assert re.sub(r"\s+", "", published_on) in _text(pdf)
    english = _text(b"".join(client.get(f"/reports/{editions['en'].pk}/pdf/").streaming_content))
    assert "Version1" in english and "Draft" not in english


def test_the_final_edition_is_the_preview_with_only_its_cover_changed(editions, publish, settings):
    preview = {lang: _file(settings, run.html_file).decode() for lang, run in editions.items()}
    publish(editions["en"], confirm="on")
    for language, run in editions.items():
        run.refresh_from_db()
        final = _file(settings, run.html_file).decode()
        facts = edition_facts(
            language=language,
            publication={"published_at": run.published_at, "version": run.version},
        )
        assert final.replace(facts, edition_facts(language=language)) == preview[language]


def test_the_listed_sha256_and_size_are_those_of_the_served_files(editions, publish, client):
    publish(editions["en"], confirm="on")
    client.logout()
    listing = client.get("/reports/").content.decode()
    for run in ReportRun.objects.all():
        pdf = b"".join(client.get(f"/reports/{run.pk}/pdf/").streaming_content)
        html = client.get(f"/reports/{run.pk}/").content
        item = listing[listing.index(f'href="/reports/{run.pk}/pdf/"') :]
        pdf_sum, html_sum = re.findall(r'<code class="app-checksum">([0-9a-f]{64})</code>', item)[
            :2
        ]
        assert pdf_sum == hashlib.sha256(pdf).hexdigest()
        assert html_sum == hashlib.sha256(html).hexdigest()
        assert (run.pdf_bytes, run.html_bytes) == (len(pdf), len(html))
        assert run.pages == len(PdfReader(io.BytesIO(pdf)).pages)


def test_nothing_is_public_between_the_confirmation_and_the_job(editions, publish, client):
    english = editions["en"]
    publish(english, run_job=False, confirm="on")
    english.refresh_from_db()
    assert english.is_being_published and english.version == 1
    page = client.get(f"/staff/reports/{english.pk}/").content.decode()
    assert "Being published, version 1" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    # Not publishable twice, and not public yet.
    assert client.get(f"/staff/reports/{english.pk}/publish/").status_code == 302
    client.logout()
    assert "No report has been published yet." in client.get("/reports/").content.decode()
    assert client.get(f"/reports/{english.pk}/").status_code == 404

    published = report_publication_finish(run_ids=[r.pk for r in editions.values()])
    assert {run.language for run in published} == {"en", "cy"}
    assert client.get(f"/reports/{english.pk}/").status_code == 200


def test_a_failed_final_render_publishes_neither_edition_and_says_why(
    editions, publish, client, monkeypatch
):
    from reports import publishing

    rendered = []

    def fails_on_the_second(html):
        rendered.append(html)
        if len(rendered) == 2:
            raise RuntimeError("the Welsh PDF could not be written")
        return real(html)

    real = publishing.report_pdf
    monkeypatch.setattr(publishing, "report_pdf", fails_on_the_second)
    assert publish(editions["en"], confirm="on").status_code == 302
    for run in editions.values():
        run.refresh_from_db()
        assert (run.published_at, run.version, run.publication_requested_at) == (None, None, None)
        assert run.is_publishable
    page = client.get(f"/staff/reports/{editions['en'].pk}/").content.decode()
    assert "Why publishing failed" in page
    assert "the Welsh PDF could not be written" in page
    assert "No report has been published yet." in client.get("/reports/").content.decode()

    monkeypatch.setattr(publishing, "report_pdf", real)
    publish(editions["en"], confirm="on")
    assert [r.version for r in ReportRun.objects.order_by("language")] == [1, 1]


def test_a_job_delivered_twice_publishes_once_with_the_same_bytes(editions, publish, editor):
    publish(editions["en"], run_job=False, confirm="on")
    run_ids = [r.pk for r in editions.values()]
    english = ReportRun.objects.get(pk=editions["en"].pk)
    again = report_final_edition(run=english)
    first = report_publication_finish(run_ids=run_ids)
    assert first is not None
    assert report_publication_finish(run_ids=run_ids) is None
    english.refresh_from_db()
    assert english.pdf_sha256 == hashlib.sha256(again["pdf"]).hexdigest()
    assert english.html_sha256 == hashlib.sha256(again["html"].encode()).hexdigest()


def test_the_final_edition_keeps_the_previewed_words_whatever_changed_since(
    editions, publish, settings
):
    publish(editions["en"], run_job=False, confirm="on")
    AnnualReport.objects.update(introduction_en="Rewritten after the preview.")
    report_publication_finish(run_ids=[r.pk for r in editions.values()])
    english = ReportRun.objects.get(pk=editions["en"].pk)
    html = _file(settings, english.html_file).decode()
    assert "Our first report on the 2024 to 2027 plan." in html
    assert "Rewritten after the preview." not in html


def test_a_lost_publication_is_sent_again_then_handed_back(editions, editor, monkeypatch):
    report_publish_editions(run=editions["en"], user=editor)  # its job never ran
    sent = []
    monkeypatch.setattr(
        "reports.publishing.report_publication_send", lambda run_ids: sent.append(run_ids) or True
    )
    minute = datetime.timedelta(minutes=1)
    assert report_publications_recover(waiting_for=minute, give_up_after=60 * minute) == {
        "publications_sent": 0,
        "publications_failed": 0,
    }
    ReportRun.objects.update(publication_requested_at=timezone.now() - 5 * minute)
    report_publications_recover(waiting_for=minute, give_up_after=60 * minute)
    assert sorted(sent[0]) == sorted(r.pk for r in editions.values())
    ReportRun.objects.update(publication_requested_at=timezone.now() - 61 * minute)
    result = report_publications_recover(waiting_for=minute, give_up_after=60 * minute)
    assert result["publications_failed"] == 1
    for run in ReportRun.objects.all():
        assert run.is_publishable and "did not finish within 60 minutes" in run.publication_failure


def test_the_cover_gives_the_contact_from_settings(build, client, editor, small_plan, settings):
    settings.REPORT_CONTACT_EMAIL = "reports@example.org"
    settings.REPORT_CONTACT_PHONE = "01234 567890"
    client.force_login(editor)
    build(plan="small-plan")
    html = _file(settings, ReportRun.objects.get().html_file).decode()
    about = html[html.index('<div class="report-about">') :].split("</div>", 1)[0]
    assert '<a href="https://socialcare.wales">socialcare.wales</a>' in about
    assert '<a href="mailto:reports@example.org">reports@example.org</a>; 01234 567890.' in about
