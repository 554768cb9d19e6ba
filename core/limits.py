"""How long free text may be. Checked in the model, so forms, imports and services all refuse
an over-long text with an error that names the field: a 1 MB summary once went through and
pushed every later report past its time limit. The longest text in any plan's source is under
900 characters."""

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

TEXT_LIMIT = 5_000  # summaries, next steps, reasons, notes, plan texts
LONG_TEXT_LIMIT = 10_000  # theme stories, meeting agendas and minutes

TOO_LONG = _("Enter %(limit_value)d characters or fewer (you entered %(show_value)d)")


def bounded(limit: int = TEXT_LIMIT) -> dict:
    """The keyword arguments that bound a TextField: ``models.TextField(..., **bounded())``."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit, message=TOO_LONG)]}
