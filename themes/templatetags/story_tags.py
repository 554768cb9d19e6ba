"""Showing a theme story's text: paragraphs and bulleted lists, in the reader's language."""

import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Staff (and the published pages the tracker loads) mark list items with a bullet or hyphen.
_BULLET = re.compile(r"^\s*[•\-*]\s+")


def _blocks(text: str, list_class: str) -> SafeString:
    html = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            items = format_html_join(
                "", "<li>{}</li>", ((_BULLET.sub("", line),) for line in lines)
            )
            html.append(format_html('<ul class="{}">{}</ul>', list_class, items))
        else:
            # A line break the writer typed inside a paragraph is kept.
            lines_html = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
            html.append(format_html("<p>{}</p>", lines_html))
    return mark_safe("".join(html))  # noqa: S308 - every piece was escaped by format_html


@register.simple_tag
def story_text(story, part: str, list_class: str = "") -> SafeString:
    """One part of a story as paragraphs and lists. Where the Welsh is not written yet the
    English shows, inside lang="en" so screen readers pronounce it as English."""
    language = (get_language() or "en").split("-")[0]
    own = getattr(story, f"{part}_{language}", "") or ""
    if own:
        return _blocks(own, list_class)
    english = getattr(story, f"{part}_en", "") or ""
    if language != "en" and english:
        return format_html('<div lang="en">{}</div>', _blocks(english, list_class))
    return _blocks(english, list_class)


@register.filter
def story_has(story, part: str) -> bool:
    """Whether a part is written (in English, which every written story has)."""
    return bool(getattr(story, f"{part}_en", "") or getattr(story, f"{part}_cy", ""))


@register.filter
def story_for(stories, theme):
    """The story copied into a report build for a theme (stories keyed by theme number)."""
    if not stories or theme is None:
        return None
    return stories.get(str(theme.number))


@register.simple_tag
def story_text_in(story, part: str, language: str, list_class: str = "") -> SafeString:
    """One part in one language exactly, for staff who check both: nothing where it is empty."""
    return _blocks(getattr(story, f"{part}_{language}", "") or "", list_class)
