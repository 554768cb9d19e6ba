"""Finish WeasyPrint's tagged report PDF so it passes the PDF/UA checks WeasyPrint leaves open.

WeasyPrint (checked up to 70) tags the document from the HTML, but:

- text in page-margin boxes (the running title, the page numbers) is marked with an MCID
  that no structure element reaches, instead of being an /Artifact;
- no structure element carries /Lang, so English passages in the Welsh edition (lang="en"
  in the HTML) are read out as Welsh;
- TH elements have no /Scope;
- a link annotation's /Contents is its target's anchor id ("theme-1"), not words.

The layout knows what the PDF lost: every text run's language, whether it sits in a page
margin and which table header holds it. WeasyPrint draws each run inside its own marked
content, starting with a text matrix at the run's position on the page, so the runs are
matched to their MCIDs by page and position. The rest of the file is left as it is, and
the same input gives the same bytes.
"""

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

# A run and its text matrix differ only by the rounding of the PDF's numbers (6 decimals).
_TOLERANCE = 0.01
_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


@dataclass(frozen=True)
class _Run:
    """A run of text as laid out: where it is drawn and what the PDF should know of it."""

    x: float
    y: float
    lang: str
    # "Header" or "Footer" for text in a page-margin box, else "".
    margin: str
    # /Column or /Row for text in a table header cell, else "".
    scope: str


@dataclass
class _Layout:
    runs: list[dict[tuple[int, int], list[_Run]]]  # by page, indexed by position
    link_words: dict[str, str]  # link target (as WeasyPrint writes it) -> the link's words


def pdf_ua_finish(*, document, pdf: bytes) -> bytes:
    """The PDF written from ``document`` (a rendered WeasyPrint document), finished for PDF/UA."""
    layout = _layout(document)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        owners = _mcid_owners(doc)
        run_langs: dict[tuple[int, int], set[str]] = {}
        for index, page in enumerate(doc.pages):
            _finish_page(doc, page, layout.runs[index], owners, run_langs)
        _set_languages(doc.Root.StructTreeRoot, str(doc.Root.get("/Lang", "")), run_langs)
        _default_scopes(doc.Root.StructTreeRoot)
        _name_links(doc, layout.link_words)
        out = io.BytesIO()
        # A file ID from the content, not the clock: a rebuild gives the same bytes.
        doc.save(out, deterministic_id=True)
    return out.getvalue()


# --- What the layout knows -----------------------------------------------------------------


def _layout(document) -> _Layout:
    from weasyprint.formatting_structure import boxes

    def walk(box, margin: str, scope: str):
        if isinstance(box, boxes.MarginBox):
            margin = "Header" if box.at_keyword.startswith("@top") else "Footer"
        if box.element is not None and box.element_tag == "th":
            scope = _SCOPES.get(box.element.get("scope", ""), "")
        if isinstance(box, boxes.TextBox):
            y = box.position_y + box.baseline
            yield _Run(box.position_x, y, box.style["lang"] or "", margin, scope)
        for child in getattr(box, "children", ()):
            yield from walk(child, margin, scope)

    # The page's box tree is not public API; the test of both editions fails if it changes.
    runs = [_index(walk(page._page_box, "", "")) for page in document.pages]
    return _Layout(runs=runs, link_words=_link_words(document))


def _link_words(document) -> dict[str, str]:
    """Each link target -> the words of the <a> that links there."""
    words: dict[str, str] = {}
    for page in document.pages:
        for _kind, target, _rectangle, box in page.links:
            element = box.element
            text = " ".join("".join(element.itertext()).split()) if element is not None else ""
            if text and (box.element_tag.split(":")[0] == "a" or target not in words):
                words[target] = text
    return words


def _bucket(x: float, y: float) -> tuple[int, int]:
    return round(x * 10), round(y * 10)


def _index(runs) -> dict[tuple[int, int], list[_Run]]:
    index: dict[tuple[int, int], list[_Run]] = {}
    for run in runs:
        index.setdefault(_bucket(run.x, run.y), []).append(run)
    return index


def _primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def _find(runs: dict[tuple[int, int], list[_Run]], x: float, y: float) -> _Run | None:
    bx, by = _bucket(x, y)
    for dx in (0, -1, 1):
        for dy in (0, -1, 1):
            for run in runs.get((bx + dx, by + dy), ()):
                if abs(run.x - x) < _TOLERANCE and abs(run.y - y) < _TOLERANCE:
                    return run
    return None


# --- The structure tree ----------------------------------------------------------------------


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _mcid_owners(doc) -> dict[tuple[tuple[int, int], int], Dictionary]:
    """(page, MCID) -> the structure element whose content it is, for every MCID the tree
    reaches."""
    owners = {}
    stack = [(kid, None) for kid in _kids(doc.Root.StructTreeRoot)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, int):
            continue  # an MCID directly under the root: not produced by WeasyPrint
        if not isinstance(node, Dictionary):
            continue
        page = node.get("/Pg", page)
        for kid in _kids(node):
            if isinstance(kid, int):
                owners[(page.objgen, int(kid))] = node
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                owners[(kid.get("/Pg", page).objgen, int(kid.MCID))] = node
            elif isinstance(kid, Dictionary) and kid.get("/Type") != "/OBJR":
                stack.append((kid, page))
    return owners


def _finish_page(doc, page, runs: dict, owners, run_langs: dict) -> None:
    """Turn the page-margin runs into artifacts; note each element's languages and set the
    scope of the header cells its runs sit in."""
    operations = pikepdf.parse_content_stream(page)
    # The open marked content, innermost last: [where it starts, its MCID or None, matched].
    # A run's text matrix follows its own BDC, after any artifact (an underline) inside it.
    open_content: list[list] = []
    margins: list[int] = []
    changed = False
    for index, (operands, operator) in enumerate(operations):
        name = str(operator)
        if name in ("BDC", "BMC"):
            properties = operands[1] if name == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, Dictionary) else None
            open_content.append([index, None if mcid is None else int(mcid), False])
        elif name == "EMC" and open_content:
            open_content.pop()
        elif name == "Tm":
            marked = next((m for m in reversed(open_content) if m[1] is not None), None)
            if marked is None or marked[2]:
                continue
            marked[2] = True
            start, mcid = marked[0], marked[1]
            run = _find(runs, float(operands[4]), float(operands[5]))
            owner = owners.get((page.obj.objgen, mcid))
            if run is None:
                continue
            if run.margin and owner is None:
                # A running title or page number: pagination, not content.
                properties = Dictionary(Type=Name.Pagination, Subtype=Name("/" + run.margin))
                operations[start] = pikepdf.ContentStreamInstruction(
                    [Name.Artifact, properties], pikepdf.Operator("BDC")
                )
                margins.append(mcid)
                changed = True
            elif owner is not None:
                if run.lang:
                    run_langs.setdefault(owner.objgen, set()).add(run.lang)
                if run.scope:
                    _set_scope(owner, run.scope)
    if changed:
        page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(operations))
        _forget_mcids(doc, page, margins)


def _forget_mcids(doc, page, mcids: list[int]) -> None:
    """Drop the parent-tree entries of content that is now an artifact, so the unreachable
    elements WeasyPrint made for it are not written."""
    key = page.obj.get("/StructParents")
    nums = doc.Root.StructTreeRoot.ParentTree.Nums
    for i in range(0, len(nums), 2):
        if key is not None and int(nums[i]) == int(key):
            entries = nums[i + 1]
            for mcid in mcids:
                if mcid < len(entries):
                    entries[mcid] = None
            return


def _set_scope(element, scope: str) -> None:
    while element is not None and element.get("/S") not in ("/TH", "/TD", "/Table"):
        element = element.get("/P")
    if element is None or element.S != "/TH":
        return
    attributes = element.get("/A")
    if isinstance(attributes, Dictionary):
        attributes.Scope = Name(scope)
    else:
        element.A = Dictionary(O=Name.Table, Scope=Name(scope))


def _default_scopes(root) -> None:
    """A TH with no scope attribute in the HTML, or no text to find it by: a column header
    in the table's head, a row header elsewhere (HTML's own default for such tables)."""
    stack = [(kid, "") for kid in _kids(root)]
    while stack:
        node, section = stack.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue
        tag = str(node.S)
        if tag == "/TH":
            attributes = node.get("/A")
            if not isinstance(attributes, Dictionary) or "/Scope" not in attributes:
                _set_scope(node, "/Column" if section == "/THead" else "/Row")
            continue
        if tag in ("/THead", "/TBody", "/TFoot"):
            section = tag
        stack.extend((kid, section) for kid in _kids(node))


def _set_languages(root, language: str, run_langs: dict) -> None:
    """Give /Lang to each element whose content is in another language than the one it
    inherits, as the HTML did with lang="en": once on the element, not on each run of text."""
    memo: dict = {}

    def content_langs(node) -> set[str]:
        # The languages of everything the element holds (runs of unknown language left out).
        key = node.objgen
        if key not in memo:
            langs = set(run_langs.get(key, ()))
            for kid in _kids(node):
                if isinstance(kid, Dictionary) and "/S" in kid:
                    langs |= content_langs(kid)
            memo[key] = langs
        return memo[key]

    def assign(node, inherited: str) -> None:
        langs = content_langs(node)
        own = set(run_langs.get(node.objgen, ()))
        # One language throughout; or, when mixed, the language of its own text (its parts
        # in other languages then get their own /Lang below).
        lang = next(iter(langs)) if len(langs) == 1 else next(iter(own)) if len(own) == 1 else ""
        if lang and _primary(lang) != _primary(inherited):
            node.Lang = pikepdf.String(lang)
            inherited = lang
        for kid in _kids(node):
            if isinstance(kid, Dictionary) and "/S" in kid:
                assign(kid, inherited)

    for kid in _kids(root):
        if isinstance(kid, Dictionary) and "/S" in kid:
            assign(kid, language)


def _name_links(doc, link_words: dict[str, str]) -> None:
    """A link's /Contents, read by assistive technology, says where it goes in words."""
    for page in doc.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            target = str(annotation.get("/Contents", ""))
            if target in link_words:
                annotation.Contents = pikepdf.String(link_words[target])
