"""``{% if request.user|can_manage_people %}``: the People link only for those it lets in."""

from django import template

from people import rules

register = template.Library()


@register.filter
def can_manage_people(user) -> bool:
    return rules.can_manage_people(user)
