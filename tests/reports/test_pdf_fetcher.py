"""WeasyPrint reads only our own static files while it builds a report, whatever the markup."""

import datetime
import io

import pytest
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from reports import services
from reports.models import AnnualReport
from reports.pdf_fetcher import static_file

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2025, 3, 31)

# Markup that, left to WeasyPrint's default fetcher, reads the server's files and its network.
# rel="attachment" embeds the fetched file in the PDF.
HOSTILE = """
<img src="file:///etc/passwd" alt="">
<img src="http://127.0.0.1:1/x" alt="">
<img src="../../etc/passwd" alt="">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="../../../../../../etc/passwd">
<link rel="stylesheet" href="css/../../../../../../etc/passwd">
<p style="background: url('http://127.0.0.1:1/y')">Hostile markup ends here.</p>
"""


@pytest.fixture
def opened(monkeypatch):
    """Every URL that WeasyPrint's fetching machinery actually opens."""
    urls: list[str] = []
    original = URLFetcher.fetch

    def recording(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", recording)
    return urls


@pytest.fixture
def hostile_markup(monkeypatch):
    real = services.render_to_string

    def with_hostile_markup(template, context=None, *args, **kwargs):
        html = real(template, context, *args, **kwargs)
        if template == "reports/report_pdf.html":
            html = html.replace("</body>", HOSTILE + "</body>")
        return html

    monkeypatch.setattr(services, "render_to_string", with_hostile_markup)


def test_a_report_with_hostile_markup_fetches_only_our_static_files_and_still_builds(
    small_plan, opened, hostile_markup, settings
):
    report = AnnualReport.objects.create(plan=small_plan, year=2024)
    output = services.report_render(report=report, as_at=AS_AT, language="en")

    static = settings.BASE_DIR / "static"
    assert opened, "the report's own stylesheet and fonts should still be read"
    assert all(url.startswith((static.as_uri() + "/", "data:")) for url in opened), opened
    assert not any("passwd" in url or "127.0.0.1" in url for url in opened)
    # Our stylesheet and its fonts load, so the PDF uses the report font.
    assert (static / "css" / "report.css").as_uri() in opened
    assert (static / "fonts" / "DejaVuSans.ttf").as_uri() in opened
    pdf = PdfReader(io.BytesIO(output["pdf"]))
    fonts = {
        str(font["/BaseFont"])
        for page in pdf.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # The @font-face family in css/report.css: present only if its font file was read.
    assert any("Report-Sans" in name for name in fonts), fonts
    assert "Hostile markup ends here." in "".join(page.extract_text() for page in pdf.pages)
    assert not pdf.attachments
    assert b"root:" not in output["pdf"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x",
        "https://example.com/css/report.css",
        "ftp://127.0.0.1/x",
        "file://evil.example/static/css/report.css",
        "{static}/../../etc/passwd",
        "{static}/css/../../manage.py",
        "{static}/%2e%2e/%2e%2e/etc/passwd",
        "{static}/css",  # a folder, not a file
        "{static}/css/no-such.css",
    ],
)
def test_urls_outside_our_static_files_are_refused(url, settings):
    static = (settings.BASE_DIR / "static").as_uri()
    assert static_file(url.format(static=static)) is None


def test_our_static_files_are_served(settings):
    static = settings.BASE_DIR / "static"
    css = static / "css" / "report.css"
    assert static_file(css.as_uri()) == css.resolve()
    assert static_file(static.as_uri() + "/fonts/../css/report.css") == css.resolve()


def test_a_link_inside_the_static_folder_to_a_file_outside_is_refused(settings, tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "ok.css").write_text("p {}")
    settings.STATICFILES_DIRS = [folder]
    assert static_file((folder / "passwd").as_uri()) is None
    assert static_file((folder / "ok.css").as_uri()) == (folder / "ok.css").resolve()
