"""Template filters for progress measure figures; wording in measures.measure_selectors."""

from django import template

from measures.measure_selectors import figure_words

register = template.Library()


@register.filter
def figure_value(figure) -> str:
    """{{ figure|figure_value }} -> "more than 300,000", "6,200"."""
    return figure_words(figure) if figure is not None else ""
