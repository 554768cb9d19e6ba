"""Publishing the annual report: both editions previewed, a confirmation, the audit trail, the
public copy, and how the public finds it."""

import re

import pytest

from reports.models import ReportRun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_publishing_previews_both_editions_and_needs_a_confirmation(publish, client, editions):
    english, welsh = editions["en"], editions["cy"]
    run_page = client.get(f"/staff/reports/{english.pk}/").content.decode()
    assert f'href="/staff/reports/{english.pk}/publish/"' in run_page
    # The run page itself publishes nothing.
    assert client.post(f"/staff/reports/{english.pk}/", {"change_note": ""}).status_code == 405

    preview = client.get(f"/staff/reports/{english.pk}/publish/").content.decode()
    assert "Publishing cannot be undone" in preview
    for run in (english, welsh):
        for kind in ("html", "pdf"):
            href = f"/staff/reports/{run.pk}/{kind}/"
            assert f'href="{href}"' in preview
            assert client.get(href).status_code == 200
    assert "Publish both editions" in preview

    response = publish(english)
    assert response.status_code == 400
    assert "Confirm that you have checked the editions before publishing." in (
        response.content.decode()
    )
    assert not ReportRun.objects.filter(published_at__isnull=False).exists()

    response = publish(english, confirm="on")
    assert response.status_code == 302
    english.refresh_from_db()
    welsh.refresh_from_db()
    assert (english.version, welsh.version) == (1, 1)
    assert english.published_at and welsh.published_at


def test_publication_is_in_the_audit_trail_with_who_did_it(publish, client, editions, editor):
    publish(editions["en"], confirm="on")
    audit = client.get("/staff/audit/").content.decode()
    for language in ("English", "Welsh"):
        row = re.search(
            rf"<tr><td>[^<]*</td><td>{editor.username}</td><td>Annual report: "
            rf"Annual progress report 2024, {language}, as at 31 March 2025: "
            r"published, version 1</td>",
            audit,
        )
        assert row, language


def test_staff_page_links_to_the_public_copy_which_anyone_can_open(publish, client, editions):
    english = editions["en"]
    publish(english, confirm="on")
    run_page = client.get(f"/staff/reports/{english.pk}/").content.decode()
    assert f'href="/reports/{english.pk}/"' in run_page
    assert f'href="/reports/{english.pk}/pdf/"' in run_page
    builds = client.get("/staff/reports/").content.decode()
    assert f'href="/reports/{english.pk}/"' in builds
    client.logout()
    assert client.get(f"/reports/{english.pk}/").status_code == 200


def test_only_editors_may_open_the_publish_page(publish, client, editions):
    english = editions["en"]
    client.force_login(UserFactory(role="SIG member"))
    assert client.get(f"/staff/reports/{english.pk}/publish/").status_code == 403
    assert publish(english, confirm="on").status_code == 403
    # The SIG sees the build but no way to publish it.
    run_page = client.get(f"/staff/reports/{english.pk}/").content.decode()
    assert "/publish/" not in run_page
    english.refresh_from_db()
    assert english.published_at is None


def test_one_edition_alone_says_the_other_is_missing(build, client, editor, small_plan):
    client.force_login(editor)
    build(plan="small-plan", languages=["en"])
    run = ReportRun.objects.get()
    preview = client.get(f"/staff/reports/{run.pk}/publish/").content.decode()
    assert "There is no Welsh edition ready for this date." in preview
    assert "Publish this edition" in preview


def _hrefs(html: str, pattern: str) -> list[str]:
    return re.findall(rf'href="({pattern})"', html)


def test_reports_list_leads_with_the_pages_own_language(publish, client, editions):
    publish(editions["en"], confirm="on")
    client.logout()
    english, welsh = editions["en"].pk, editions["cy"].pk
    first_en = _hrefs(client.get("/reports/").content.decode(), r"/reports/\d+/")[0]
    first_cy = _hrefs(client.get("/cy/reports/").content.decode(), r"/cy/reports/\d+/")[0]
    assert first_en == f"/reports/{english}/"
    assert first_cy == f"/cy/reports/{welsh}/"


def test_reports_list_leads_with_title_date_language_and_size_and_hides_checksums(
    publish, client, editions
):
    publish(editions["en"], confirm="on")
    run = ReportRun.objects.get(language="en")
    client.logout()
    body = client.get("/reports/").content.decode()
    item = body[body.index(f'href="/reports/{run.pk}/"') :]
    item = item[: item.index("</li>\n  \n")] if "</li>\n  \n" in item else item
    before_details, details = item.split("<details", 1)
    assert "Annual progress report 2024" in before_details
    assert run.published_at.strftime("%-d %B %Y") in before_details
    assert "English" in before_details
    assert re.search(r"PDF, \d+ pages</a>, [\d.]+\xa0(KB|MB|bytes)", before_details)
    assert run.pdf_sha256 not in before_details
    assert run.pdf_sha256 in details and run.html_sha256 in details


def test_the_public_finds_the_report_from_the_home_page_by_links(publish, client, editions):
    publish(editions["en"], confirm="on")
    client.logout()
    home = client.get("/").content.decode()
    assert 'href="/reports/"' in home
    listing = client.get("/reports/").content.decode()
    assert f'href="/reports/{editions["en"].pk}/"' in listing


def test_web_edition_language_link_opens_the_other_languages_edition(publish, client, editions):
    publish(editions["en"], confirm="on")
    client.logout()
    english, welsh = editions["en"], editions["cy"]
    html = client.get(f"/reports/{english.pk}/").content.decode()
    link = re.search(r'<a href="([^"]+)" hreflang="cy" lang="cy"', html)[1]
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == f"/cy/reports/{welsh.pk}/"
    back = re.search(
        r'<a href="([^"]+)" hreflang="en" lang="en"',
        client.get(f"/cy/reports/{welsh.pk}/").content.decode(),
    )[1]
    assert client.get(back)["Location"] == f"/reports/{english.pk}/"


def test_language_link_without_a_published_edition_goes_to_that_languages_list(client, editions):
    response = client.get(f"/cy/reports/edition/{editions['en'].report_id}/?as_at=nonsense")
    assert response.status_code == 302
    assert response["Location"] == "/cy/reports/"
