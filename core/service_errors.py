"""One mapping from a service's refusals to what a form page shows.

Views call a service inside ``with service_errors(form) as outcome:`` and return their
redirect inside the block; when the service refuses, the block ends early and the view goes
on to render the form again:

- a ``ValidationError`` goes onto the form, under the fields it names (the page answers 400);
- an ``EditConflict`` is kept as ``outcome.conflict``, so the page can show what the other
  person saved (the page answers 409);
- ``NotAllowed`` is a ``PermissionDenied``: it passes through, and Django answers 403.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from core.errors import EditConflict


@dataclass
class ServiceOutcome:
    conflict: EditConflict | None = None


@contextmanager
def service_errors(
    form: forms.BaseForm, *, explain: Callable[[ValidationError], None] | None = None
) -> Iterator[ServiceOutcome]:
    """``explain`` may reword a validation error (add a link, say) before the form shows it."""
    outcome = ServiceOutcome()
    try:
        yield outcome
    except ValidationError as exc:
        if explain is not None:
            explain(exc)
        form.add_error(None, exc)
    except EditConflict as exc:
        outcome.conflict = exc
