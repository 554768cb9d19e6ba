from django import template

from actions.quarters import parse_quarter

register = template.Library()


@register.filter
def quarter_label(code: str) -> str:
    """A reporting quarter in words ("October to December 2026"); an unreadable code as it is."""
    try:
        return parse_quarter(code).label()
    except ValueError:
        return code
