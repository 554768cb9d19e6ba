"""Template helpers for forms and for the links to them."""

from django import template

from core import roles

register = template.Library()


@register.filter
def error_target(field) -> str:
    """The id an error summary links to: the field's input, or the first of a group's inputs."""
    if field.field.widget.use_fieldset:
        # Radios, checkboxes and the parts of a date input are numbered from _0.
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def is_editor(user) -> bool:
    """Links to the value forms show only to people whose requests those views accept."""
    return roles.is_editor(user)
