from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content(obj, field: str):
    """A translatable content field in the reader's language.

    Where the Welsh text is not provided yet, the English shows, marked lang="en" so screen
    readers pronounce it as English.
    """
    language = (get_language() or "en").split("-")[0]
    own = getattr(obj, f"{field}_{language}", None)
    if own:
        return own
    english = getattr(obj, f"{field}_en", "") or ""
    if language != "en" and english:
        return format_html('<span lang="en">{}</span>', english)
    welsh = getattr(obj, f"{field}_cy", "") or ""
    if not english and welsh:
        # A text an owner wrote in Welsh only: English readers see it, marked as Welsh.
        return format_html('<span lang="cy">{}</span>', welsh)
    return english


@register.filter
def status_class(status: str) -> str:
    return f"app-tag--{status.replace('_', '-')}"
