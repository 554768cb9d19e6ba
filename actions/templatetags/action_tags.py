from django import template

from actions.quarters import parse_quarter
from core.templatetags.tracker_tags import content

register = template.Library()


@register.filter
def quarter_label(code: str) -> str:
    """A reporting quarter in words ("October to December 2026"); an unreadable code as it is."""
    try:
        return parse_quarter(code).label()
    except ValueError:
        return code


@register.simple_tag
def plan_name(plan):
    """The plan in a sentence ("2022–23 plan"): its short title in the reader's language, or
    the years in words of the interface."""
    if plan.short_title_en:
        return content(plan, "short_title")
    return plan.name
