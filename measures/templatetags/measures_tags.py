"""Template filters for indicator values; the wording lives in measures.formatting."""

from django import template

from core.templatetags.tracker_tags import content
from measures import formatting
from measures.charts import render_chart

register = template.Library()


@register.filter
def measure_value(value, unit: str) -> str:
    """{{ observation.value|measure_value:indicator.unit }} -> "65%", "2,502"."""
    return "" if value is None else formatting.value_short(value, unit)


@register.filter
def measure_amount(amount, unit: str) -> str:
    """{{ indicator.tolerance|measure_amount:indicator.unit }} -> "2 percentage points"."""
    return "" if amount is None else formatting.amount_words(amount, unit)


@register.filter
def measure_change(change, unit: str) -> str:
    """{{ judgement.change|measure_change:indicator.unit }} -> "up 3 percentage points"."""
    return "" if change is None else formatting.change_words(change, unit)


@register.filter
def period_label(code: str) -> str:
    """{{ observation.period|period_label }} -> "December 2023"."""
    return formatting.period_label(code) if code else ""


@register.simple_tag
def breakdown_name(indicator, observation):
    """A breakdown's name in the reader's language: the plan's own label where the indicator
    lists its breakdowns (prefetched), otherwise the label recorded with the value."""
    for declared in indicator.breakdowns.all():
        if declared.code == observation.breakdown:
            return content(declared, "label")
    return content(observation, "breakdown_label")


@register.simple_tag
def chart_svg(chart):
    """{% chart_svg chart %}: the chart's <svg>, drawn once per content and language."""
    return render_chart(chart)
