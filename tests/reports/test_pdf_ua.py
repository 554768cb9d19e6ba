"""The report PDF passes machine checks of PDF/UA, in both editions.

The checks walk the structure tree and every page's content stream with pikepdf, written
independently of the code that finishes the PDF (reports/pdf_ua.py), and fail on:
- marked content that is neither reachable from the structure tree nor an /Artifact (the
  running title and page numbers were), and painted content outside any marked content;
- a /Figure without /Alt, or a chart's alt text whose sentences do not end;
- a missing document /Lang, and English passages of the Welsh edition without /Lang "en";
- a TH without /Scope;
- a link annotation whose /Contents is its anchor id rather than words;
- one element per character (the contents' leader dots were 1,021 elements).
"""

import datetime
import re
from io import BytesIO

import pikepdf
import pytest
from django.utils import timezone, translation
from pikepdf import Array, Dictionary
from pypdf import PdfReader

from actions.services import update_submit
from measures.models import Indicator
from reports.models import AnnualReport
from reports.services import report_render
from tests.factories import ObservationFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = 2025
# Worded to share no three words in a row with anything else in the report.
INTRODUCTION = "Our introduction this year exists only in English, awaiting its translation."
SUMMARY = "Partners reported this quarterly progress only in English, so far."
# Painting operators: content that must sit in tagged or artifact marked content.
_PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI"}
_SCOPES = {"/Column", "/Row", "/Both"}
# More marked-content items held directly by one element than any line-per-item text has.
_MOST_ITEMS_PER_ELEMENT = 20


@pytest.fixture
def report_data(real_plan):
    """The real plan with an English-only introduction and progress summary, which the Welsh
    edition shows in English, and an indicator with two periods, so it has a chart."""
    report = AnnualReport.objects.create(plan=real_plan, year=YEAR, introduction_en=INTRODUCTION)
    indicator = Indicator.objects.filter(plan=real_plan).order_by("theme__number", "position")[0]
    ObservationFactory(
        indicator=indicator,
        period=str(YEAR),
        value=68,
        created_at=timezone.make_aware(datetime.datetime(YEAR + 1, 1, 15)),
    )
    action = real_plan.actions.order_by("number").first()
    update_submit(
        action=action,
        user=UserFactory(role="Editor"),
        data={"status": "on_track", "summary_en": SUMMARY, "quarter": f"{YEAR}-Q2"},
        base_version=action.version,
        approve=True,
    )
    return report, indicator


@pytest.mark.parametrize("language", ["en", "cy"])
def test_both_editions_pass_the_pdf_ua_checks(report_data, language):
    report, indicator = report_data
    pdf = report_render(report=report, as_at=timezone.localdate(), language=language)["pdf"]
    english = [INTRODUCTION, SUMMARY] if language == "cy" else []
    with translation.override(language):
        statement = indicator.statement
    problems = pdf_ua_problems(pdf, language=language, english=english, charted=[statement])
    assert problems == []


def test_the_checks_catch_what_weasyprint_leaves_open(report_data, monkeypatch):
    """Unfinished, WeasyPrint's own output fails each check that the finishing answers: the
    checks can fail."""
    report, indicator = report_data
    monkeypatch.setattr("reports.pdf_ua.pdf_ua_finish", lambda *, document, pdf: pdf)
    pdf = report_render(report=report, as_at=timezone.localdate(), language="cy")["pdf"]
    problems = "\n".join(
        pdf_ua_problems(pdf, language="cy", english=[INTRODUCTION, SUMMARY], charted=[])
    )
    assert "neither reachable from the structure tree nor an artifact" in problems
    assert "TH without /Scope" in problems
    assert "/Contents is an anchor id" in problems
    assert "English passage without /Lang en" in problems


def test_finishing_is_reproducible():
    """Finishing the same WeasyPrint output twice gives the same bytes, and a small page with
    a page number, a link, a table and English in Welsh passes the checks."""
    from weasyprint import HTML

    from reports.pdf_ua import pdf_ua_finish

    # The second link is underlined: its line is drawn inside its marked content, first.
    english = ["Written in English here", "A link in English"]
    html = (
        '<html lang="cy"><head><title>Prawf</title><style>@page { @bottom-right '
        "{ content: counter(page) } }</style></head><body><h1>Prawf</h1>"
        f'<p><a href="#t">Tabl</a> <span lang="en">{english[0]}</span></p>'
        f'<p><a href="#r" lang="en" style="text-decoration: underline">{english[1]}</a></p>'
        '<table id="t"><thead><tr><th scope="col">Pennawd</th></tr></thead><tbody><tr>'
        '<th scope="row" id="r">Rhes</th></tr></tbody></table></body></html>'
    )
    document = HTML(string=html).render()
    raw = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    first = pdf_ua_finish(document=document, pdf=raw)
    assert pdf_ua_finish(document=document, pdf=raw) == first
    assert pdf_ua_problems(first, language="cy", english=english, charted=[]) == []


# --- The checks ------------------------------------------------------------------------------


def pdf_ua_problems(pdf: bytes, *, language: str, english: list[str], charted: list) -> list[str]:
    """Every PDF/UA problem found, as sentences naming the page and element."""
    problems: list[str] = []
    texts = _marked_texts(pdf)
    with pikepdf.open(BytesIO(pdf)) as doc:
        problems += _document_problems(doc, language)
        tree = _StructureTree(doc)
        problems += _content_problems(doc, tree)
        problems += tree.problems(charted)
        problems += _language_problems(doc, tree, texts, english, language)
        problems += _link_problems(doc)
    return problems


def _document_problems(doc, language: str) -> list[str]:
    problems = []
    if str(doc.Root.get("/Lang", "")) != language:
        problems.append(f"document /Lang is {doc.Root.get('/Lang')!r}, not {language!r}")
    if not bool(doc.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        problems.append("the viewer is not told to display the document title")
    if not bool(doc.Root.get("/MarkInfo", {}).get("/Marked", False)):
        problems.append("the document is not marked as tagged")
    xmp = doc.Root.Metadata.read_bytes().decode("utf-8")
    if 'pdfuaid:part="1"' not in xmp and "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        problems.append("no PDF/UA identifier in the metadata")
    if not str(doc.docinfo.get("/Title", "")).strip():
        problems.append("no document title")
    return problems


class _StructureTree:
    """The structure tree, with each element's effective language and what it reaches."""

    def __init__(self, doc):
        self.reached: set[tuple[tuple[int, int], int]] = set()
        self.elements: list[tuple[Dictionary, str]] = []  # (element, effective /Lang)
        self.mcid_lang: dict[tuple[tuple[int, int], int], str] = {}
        root_lang = str(doc.Root.get("/Lang", ""))
        stack = [(kid, None, root_lang) for kid in _kids(doc.Root.StructTreeRoot)]
        while stack:
            node, page, lang = stack.pop()
            if not isinstance(node, Dictionary):
                continue
            page = node.get("/Pg", page)
            if node.get("/Type") == "/MCR":
                self._reach(node.get("/Pg", page), int(node.MCID), lang)
                continue
            if node.get("/Type") == "/OBJR":
                continue
            lang = str(node.get("/Lang", lang))
            self.elements.append((node, lang))
            for kid in _kids(node):
                if isinstance(kid, int):
                    self._reach(page, kid, lang)
                else:
                    stack.append((kid, page, lang))

    def _reach(self, page, mcid: int, lang: str) -> None:
        self.reached.add((page.objgen, mcid))
        self.mcid_lang[(page.objgen, mcid)] = lang

    def problems(self, charted: list) -> list[str]:
        problems = []
        for element, _lang in self.elements:
            tag = str(element.S)
            if tag == "/Figure":
                alt = str(element.get("/Alt", "")).strip()
                if not alt:
                    problems.append("a /Figure without /Alt")
                elif not alt.endswith((".", "!", "?")):
                    problems.append(f"a figure's alt text does not end its sentence: {alt!r}")
            if tag == "/TH":
                attributes = element.get("/A")
                scope = attributes.get("/Scope") if isinstance(attributes, Dictionary) else None
                if str(scope) not in _SCOPES:
                    problems.append("a TH without /Scope")
            items = sum(isinstance(kid, int) for kid in _kids(element))
            if items > _MOST_ITEMS_PER_ELEMENT:
                problems.append(f"a {tag} holds {items} marked-content items, one per character")
        alts = [str(e.get("/Alt", "")) for e, _lang in self.elements if e.S == "/Figure"]
        for statement in charted:
            # The chart's title sentence (which ends with the statement) ends before its
            # description starts.
            title = re.escape(statement.strip().rstrip("."))
            if not any(re.search(title + r"\.\s+\S", alt) for alt in alts):
                problems.append(f"no chart's alt text ends its title sentence: {statement!r}")
        return problems


def _kids(node) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _content_problems(doc, tree: _StructureTree) -> list[str]:
    problems = []
    for number, page in enumerate(doc.pages, start=1):
        stack: list[str] = []  # the open marked content's tags
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                tag = str(operands[0])
                properties = operands[1] if name == "BDC" else None
                in_artifact = "/Artifact" in stack
                if isinstance(properties, Dictionary) and "/MCID" in properties:
                    mcid = int(properties.MCID)
                    if (
                        tag != "/Artifact"
                        and not in_artifact
                        and (page.obj.objgen, mcid) not in tree.reached
                    ):
                        problems.append(
                            f"page {number}: {tag} MCID {mcid} is neither reachable from the "
                            "structure tree nor an artifact"
                        )
                stack.append(tag)
            elif name == "EMC" and stack:
                stack.pop()
            elif name in _PAINT and not stack:
                problems.append(f"page {number}: {name} paints outside any marked content")
    return problems


def _marked_texts(pdf: bytes) -> dict[tuple[int, int], str]:
    """(page number, MCID) -> the text drawn in that marked content (pypdf reads the fonts)."""
    texts: dict[tuple[int, int], str] = {}
    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages):
        open_mcids: list[int | None] = []

        def before(operator, operands, cm, tm, open_mcids=open_mcids):
            if operator in (b"BDC", b"BMC"):
                properties = operands[1] if operator == b"BDC" else None
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                open_mcids.append(mcid if mcid is not None else None)
            elif operator == b"EMC" and open_mcids:
                open_mcids.pop()

        def text(value, cm, tm, font, size, open_mcids=open_mcids, number=number):
            mcids = [m for m in open_mcids if m is not None]
            if mcids:
                key = (number, int(mcids[-1]))
                texts[key] = texts.get(key, "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def _words(text: str) -> str:
    return " ".join(text.split())


def _language_problems(doc, tree, texts, english: list[str], language: str) -> list[str]:
    """Every run of text from an English passage reads as English; the passage is found."""
    problems = []
    pages = [page.obj.objgen for page in doc.pages]
    passages = [_words(passage) for passage in english]
    found = set()
    for (number, mcid), text in texts.items():
        run = _words(text)
        if len(run.split()) < 3:
            continue  # a word or two could be from anywhere
        for passage in passages:
            if run in passage:
                found.add(passage)
                lang = tree.mcid_lang.get((pages[number], mcid), "")
                if lang.split("-")[0] != "en":
                    problems.append(
                        f"page {number + 1}: English passage without /Lang en ({lang!r}): {run!r}"
                    )
    problems += [f"English passage not found in the PDF: {p!r}" for p in passages if p not in found]
    # And the edition's own language is not marked as English: the cover's heading.
    for element, lang in tree.elements:
        if element.S == "/H1" and lang != language:
            problems.append(f"the heading on the cover reads as {lang!r}, not {language!r}")
    return problems


def _link_problems(doc) -> list[str]:
    problems = []
    for number, page in enumerate(doc.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            contents = str(annotation.get("/Contents", "")).strip()
            action = annotation.get("/A")
            targets = {str(annotation.get("/Dest", ""))}
            if isinstance(action, Dictionary):
                targets.add(str(action.get("/URI", "")))
            if not contents:
                problems.append(f"page {number}: a link without /Contents")
            elif contents in targets or re.fullmatch(r"[a-z0-9_-]+", contents):
                problems.append(f"page {number}: a link's /Contents is an anchor id: {contents!r}")
    return problems
