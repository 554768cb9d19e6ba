"""{% sso_enabled as name %}: whether the sign-in page offers single sign-on."""

from django import template

from people.sso_config import sso_enabled as _sso_enabled

register = template.Library()


@register.simple_tag
def sso_enabled() -> bool:
    return _sso_enabled()
