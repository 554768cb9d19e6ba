"""/open-data/: the field reference, docs/open-data.md, rendered in the page's language.

The reference is written once, in English, in docs/open-data.md (the README links to it). The
Welsh page translates its headings and says the reference itself is in English.
"""

import re
from functools import cache

import markdown
from django.conf import settings
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

REFERENCE = settings.BASE_DIR / "docs" / "open-data.md"


@cache
def _rendered(modified: float) -> str:
    # Our own file, not user input: its HTML is trusted. Cached per modification time.
    text = REFERENCE.read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["tables", "toc"], output_format="html")
    # The page has its own h1: every heading of the file goes one level down.
    return re.sub(r"<(/?)h([1-5])", lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)


# The reference's headings in the reader's language; a heading not listed stays in English.
HEADINGS = {
    "Open data: addresses and fields": _("Open data: addresses and fields"),
    "Open data": _("Open data"),
    "Decisions of the strategic implementation group": _(
        "Decisions of the strategic implementation group"
    ),
    "Licence": _("Licence"),
    "Indicator values and approved progress as CSV": _(
        "Indicator values and approved progress as CSV"
    ),
    "Bulk download": _("Bulk download"),
    "The read API": _("The read API"),
    "Feeds": _("Feeds"),
    "Search": _("Search"),
}


def _translated_headings(html: str) -> str:
    """Each known heading in the page's language, marked as such inside the English text."""
    language = get_language() or "en"

    def heading(match: re.Match) -> str:
        english = match[3]
        welsh = HEADINGS.get(english)
        if welsh is None or str(welsh) == english:  # not translated yet: stays English
            return match[0]
        return f'<h{match[1]}{match[2]} lang="{language}">{escape(welsh)}</h{match[1]}>'

    return re.sub(r"<h([2-6])([^>]*)>([^<]+)</h\1>", heading, html)


@require_safe
def open_data(request):
    html = _rendered(REFERENCE.stat().st_mtime)
    if (get_language() or "en") != "en":
        html = _translated_headings(html)
    context = {
        "reference": mark_safe(html),  # noqa: S308
        "licence_title": settings.OPEN_DATA_LICENCE_TITLE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
    }
    return render(request, "api/open_data.html", context)
