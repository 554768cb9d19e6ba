"""Form pieces every app shares: the form renderer, GOV.UK error wording and the date input.

Fields render through Django's form renderer (settings.FORM_RENDERER), so the ids that
`aria-describedby` names (`id_<name>_helptext`, `id_<name>_error`) are Django's own and the
template that renders them is the single one in templates/forms/field.html.
"""

import datetime
import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Django's renderer, looking in templates/ first, with the tracker's field layout."""

    field_template_name = "forms/field.html"


# Django's defaults ("This field is required.", "Enter a whole number.") replaced by wording in
# the GOV.UK style. Fields with a required message of their own keep it.
GENERIC_MESSAGES = {
    "invalid_choice": _("Select one of the options shown"),
    "invalid": _("Enter a valid value in the format shown"),
    "max_length": _("Enter %(limit_value)d characters or fewer (you entered %(show_value)d)"),
    "max_value": _("Enter a number that is %(limit_value)s or less"),
    "min_value": _("Enter a number that is %(limit_value)s or more"),
    "max_digits": _("Enter a number with at most %(max)s digits"),
    "max_decimal_places": _("Enter a number with at most %(max)s decimal places"),
    "max_whole_digits": _("Enter a number with at most %(max)s digits before the decimal point"),
}
NUMBER_MESSAGES = {"invalid": _("Enter a number, like 12 or 12.5")}
INTEGER_MESSAGES = {"invalid": _("Enter a whole number, like 2025")}
CHOICE_REQUIRED = _("Select an option")
TEXT_REQUIRED = _("Enter an answer")


class GovukFormMixin:
    """GOV.UK error wording, and model errors sent to the form field that shows them.

    `model_error_fields` maps a model field that has no form field of its own (a translated
    field such as `breakdown_label`, shown as `breakdown_label_en`) to the form field where its
    error is shown; errors for any other unknown name become errors for the whole form rather
    than the ValueError Django raises for them.
    """

    model_error_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _use_govuk_messages(field)

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            moved: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                target = self.model_error_fields.get(name, name)
                if target != NON_FIELD_ERRORS and target not in self.fields:
                    target = NON_FIELD_ERRORS
                if target != NON_FIELD_ERRORS and target in self.errors:
                    # The field already failed its own check (an empty period, say): the model's
                    # second opinion about the same input would only repeat the problem.
                    continue
                moved.setdefault(target, []).extend(errors)
            if not moved:
                return
            error = ValidationError(moved)
        elif field is not None and field not in self.fields:
            field = self.model_error_fields.get(field, None)
        super().add_error(field, error)


def _use_govuk_messages(field: forms.Field) -> None:
    own = field.error_messages
    defaults = dict(GENERIC_MESSAGES)
    # DecimalField and FloatField are IntegerFields too, so they are tested first.
    if isinstance(field, (forms.DecimalField, forms.FloatField)):
        defaults.update(NUMBER_MESSAGES)
    elif isinstance(field, forms.IntegerField):
        defaults.update(INTEGER_MESSAGES)
    # Django's own wording is replaced; a message the form or field class set itself is kept.
    base = _django_defaults(type(field))
    for key, message in defaults.items():
        if key not in own or str(own[key]) == str(base.get(key, "")):
            own[key] = message
    if str(own.get("required", "")) == str(base.get("required", "")):
        choice = isinstance(field, (forms.ChoiceField, forms.BooleanField, forms.FileField))
        own["required"] = CHOICE_REQUIRED if choice else TEXT_REQUIRED


def _django_defaults(cls) -> dict:
    messages: dict = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("django."):
            messages.update(klass.__dict__.get("default_error_messages", {}))
    return messages


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


ISO_DATE = re.compile(r"^\s*(?P<year>\d+)-(?P<month>\d+)-(?P<day>\d+)\s*$")


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year as three labelled numeric text boxes.

    The field renders inside a fieldset whose legend is the field's label
    (templates/forms/field.html, as `use_fieldset` is true for every MultiWidget).
    """

    template_name = "forms/widgets/date_input.html"
    parts = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "spellcheck": "false",
                    "class": f"app-date-input__input app-input--width-{width}",
                }
            )
            for name, _label, width in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            # Links such as ?since=2025-03-31 still work: one ISO date in the field's own name.
            # Anything else there is returned as it is, and DateField calls it not a real date.
            match = ISO_DATE.match(str(data.get(name)))
            return [match["day"], match["month"], match["year"]] if match else str(data[name])
        return parts

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_part, label, _width) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["label"] = label
        return context


class DateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK messages for each way it can fail."""

    widget = DateInput
    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete": _("The date must include a day, a month and a year"),
        "invalid": _("The date must be a real date"),
        "year": _("The year must include 4 numbers"),
    }

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        parts = [str(part or "").strip() for part in list(value)[:3]]
        parts += [""] * (3 - len(parts))
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        if (
            not all(part.isascii() and part.isdigit() for part in parts)
            or max(len(parts[0]), len(parts[1])) > 2
        ):
            # A day or month of more than two digits is no date (and a huge one would overflow).
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = parts
        if len(year) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        return initial != data


class SignInForm(GovukFormMixin, AuthenticationForm):
    """Django's sign-in form with the tracker's labels and GOV.UK messages."""

    error_messages = {
        "invalid_login": _("Enter a correct user name and password. Both are case-sensitive."),
        "inactive": _("This account has been switched off. Ask an Administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.label = _("User name")
        username.error_messages["required"] = _("Enter your user name")
        username.widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        # No autofocus: the page's heading and explanation come first for screen reader users.
        username.widget.attrs.pop("autofocus", None)
        password.label = _("Password")
        password.error_messages["required"] = _("Enter your password")
