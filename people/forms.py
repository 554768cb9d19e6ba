from django import forms
from django.utils.translation import gettext_lazy as _

from actions.models import Organisation
from core import roles
from core.forms import GovukForm
from people import rules
from people.selectors import NO_ROLE, PeopleFilter


def _role_choices(names) -> list[tuple[str, str]]:
    return [(name, roles.ROLE_LABELS[name]) for name in names]


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def _organisation_field(*, required: bool, help_text=None) -> OrganisationChoiceField:
    return OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=required,
        empty_label=_("None") if not required else _("Choose an organisation"),
        help_text=help_text,
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )


ORGANISATION_HINT = _("Required for action owners: the organisation whose actions they update.")


class PeopleFilterForm(GovukForm):
    role = forms.ChoiceField(label=_("Role"), required=False)
    organisation = _organisation_field(required=False)
    active = forms.ChoiceField(
        label=_("Account"),
        required=False,
        choices=[("", _("Active and deactivated")), ("yes", _("Active")), ("no", _("Deactivated"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            ("", _("Any role")),
            *_role_choices(rules.ROLE_ORDER),
            (NO_ROLE, _("No role yet")),
        ]
        self.fields["organisation"].empty_label = _("Any organisation")

    def filters(self) -> PeopleFilter:
        active = self.cleaned_data.get("active")
        return PeopleFilter(
            role=self.cleaned_data.get("role") or "",
            organisation=self.cleaned_data.get("organisation"),
            active=None if not active else active == "yes",
        )


class InvitationForm(GovukForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "app-input", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the email address of the person to invite"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role")},
    )
    organisation = _organisation_field(required=False, help_text=ORGANISATION_HINT)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(rules.grantable_roles(actor))


class PersonForm(GovukForm):
    """A person's role and organisation, sent with what the page showed (``base``)."""

    base = forms.CharField(widget=forms.HiddenInput, max_length=64)
    role = forms.ChoiceField(
        label=_("Role"), widget=forms.RadioSelect, error_messages={"required": _("Select a role")}
    )
    organisation = _organisation_field(required=False, help_text=ORGANISATION_HINT)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(rules.grantable_roles(actor))


class ConfirmForm(GovukForm):
    """A button with nothing to fill in; it carries a service's refusal to the page."""


class BaseForm(GovukForm):
    """A button (deactivate, reactivate) sent with what the page showed."""

    base = forms.CharField(widget=forms.HiddenInput, max_length=64)


class AcceptForm(GovukForm):
    """A new local account for the invited person."""

    username = forms.CharField(
        label=_("Choose a user name"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"class": "app-input", "autocomplete": "username", "spellcheck": "false"}
        ),
        help_text=_("Letters, digits and @ . + - _ only. You sign in with it."),
        error_messages={"required": _("Enter a user name")},
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"class": "app-input", "autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers, and not a common password."),
        error_messages={"required": _("Enter a password")},
    )
    password2 = forms.CharField(
        label=_("Enter the password again"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"class": "app-input", "autocomplete": "new-password"}),
        error_messages={"required": _("Enter the password again")},
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same"))
        return data
