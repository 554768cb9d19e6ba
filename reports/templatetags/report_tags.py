import base64
import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.templatetags.tracker_tags import content

register = template.Library()


@register.simple_tag
def chart_image(chart):
    """The chart as an <img> with alt text: in a tagged PDF, a figure's alternative text
    comes from its alt attribute. Its title and description are read as sentences."""
    svg = render_to_string("measures/includes/chart.svg", {"chart": chart})
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = " ".join(_sentence(part) for part in (chart.title, chart.desc) if part.strip())
    return format_html(
        '<img class="report-chart" src="data:image/svg+xml;base64,{}" alt="{}">', data, alt
    )


def _sentence(text: str) -> str:
    """The text ending as a sentence: a screen reader pauses there, instead of running a
    chart's title ("…feel morale is good") into its description ("From 65 per cent…")."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _paragraphs(text: str, lang: str = ""):
    """Text as paragraphs, keeping the writer's breaks: a blank line starts a paragraph, a
    single line break stays a line break. ``lang`` marks text in another language."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))]
    attribute = format_html(' lang="{}"', lang) if lang else ""
    return format_html_join(
        "",
        "<p{}>{}</p>",
        (
            (
                attribute,
                format_html_join(mark_safe("<br>"), "{}", ((line,) for line in b.split("\n"))),
            )
            for b in blocks
            if b
        ),
    )


@register.simple_tag
def paragraphs(obj, field: str):
    """A translated content field as paragraphs, in the reader's language; where the Welsh is
    not written yet, the English, marked lang="en" (as the ``content`` tag does)."""
    own = getattr(obj, f"{field}_{_language()}", None)
    if own:
        return _paragraphs(own)
    english = getattr(obj, f"{field}_en", "") or ""
    return _paragraphs(english, "en" if _language() != "en" else "")


@register.simple_tag
def english_paragraphs(text: str):
    """Free text written only in English (next steps, reasons), as paragraphs: marked
    lang="en" in the Welsh edition."""
    return _paragraphs(text, "en" if _language() != "en" else "")


@register.simple_tag
def english(text: str):
    """A short English-only text inline, marked lang="en" in the Welsh edition."""
    return format_html('<span lang="en">{}</span>', text) if _language() != "en" else text


@register.filter
def account_for(accounts: dict, action):
    """{{ progress.accounts|account_for:item.action }}: that action's account."""
    return accounts.get(action.pk)


@register.simple_tag
def latest_sources(item) -> list:
    """The sources of an indicator's latest values (not its baselines), each once, with
    whether any value from it is provisional."""
    sources: dict[str, bool] = {}
    for breakdown in item.judgement.breakdowns:
        latest = breakdown.latest
        if latest is None or latest.is_baseline:
            continue
        name = content(latest, "source")
        sources[name] = sources.get(name, False) or latest.status == "provisional"
    return [{"name": name, "provisional": provisional} for name, provisional in sources.items()]
