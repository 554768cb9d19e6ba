import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actions.models import Action, DeliveryPlan, Organisation
from core import roles
from core.content_choices import ContentMultipleChoiceField
from core.forms import DateField, GovukForm
from measures.models import Indicator
from themes.models import Theme
from themes.selectors import themes_current


def _members():
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=(roles.SIG_MEMBER, roles.EDITOR, roles.ADMINISTRATOR))
            | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


WELSH_FALLBACK = _("If you leave it empty, Welsh readers see the English.")


def _text(label, *, rows: int, max_length: int, required_message=None, help_text=None):
    """A text box; required when it has a required message (the English of a Welsh pair)."""
    return forms.CharField(
        label=label,
        required=required_message is not None,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": required_message} if required_message else None,
    )


class MeetingForm(GovukForm):
    held_on = DateField(label=_("Date of the meeting"), help_text=_("For example, 27 3 2026."))
    chair = MemberChoiceField(
        label=_("Chair"),
        # Set per form in __init__: a query built at import would run during the admin's
        # autodiscovery, before the accounts' history is registered (core/apps.py).
        queryset=get_user_model().objects.none(),
        empty_label=None,
        error_messages={"required": _("Select the chair")},
    )
    attendees = _text(_("Attendees"), rows=4, max_length=5000, help_text=_("One name per line."))
    agenda_en = _text(
        _("Agenda in English"), rows=5, max_length=10000, help_text=_("One item per line.")
    )
    agenda_cy = _text(_("Agenda in Welsh"), rows=5, max_length=10000, help_text=WELSH_FALLBACK)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = _members()
        if user is not None and not self.is_bound:
            self.fields["chair"].initial = user.pk


class VersionForm(GovukForm):
    """A button that changes a meeting or a decision, sent at the version the page showed."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MinutesForm(VersionForm):
    minutes_en = _text(
        _("Minutes in English"),
        rows=10,
        max_length=50000,
        required_message=_("Enter the minutes in English"),
    )
    minutes_cy = _text(_("Minutes in Welsh"), rows=10, max_length=50000, help_text=WELSH_FALLBACK)


class DropForm(VersionForm):
    drop_reason = _text(
        _("Why is the decision dropped?"),
        rows=3,
        max_length=5000,
        required_message=_("Say why the decision is dropped"),
    )


def _themes_field(help_text) -> ContentMultipleChoiceField:
    return ContentMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        content_field="title",
        help_text=help_text,
    )


def _link_choices(form, plan: DeliveryPlan | None) -> None:
    """Offer the plan's strategy's themes and the plan's indicators, as checkboxes (they work
    without JavaScript and on a narrow screen); English titles on a Welsh page are marked."""
    themes = plan.strategy.themes.all() if plan is not None else themes_current()
    form.fields["themes"].queryset = themes.order_by("number")
    form.fields["themes"].label_from_instance = lambda theme: f"{theme.number}. {theme.title}"
    if "indicators" in form.fields:
        indicators = Indicator.objects.filter(plan=plan).select_related("theme")
        form.fields["indicators"].queryset = indicators.order_by("theme__number", "position")
        form.fields["indicators"].label_from_instance = lambda indicator: (
            f"{indicator.code} {indicator.statement}"
        )


NUMBERS = re.compile(r"^\s*\d{1,4}(\s*[,\s]\s*\d{1,4})*\s*$")


class DecisionForm(GovukForm):
    wording_en = _text(
        _("Decision in English"),
        rows=4,
        max_length=5000,
        required_message=_("Enter the decision in English"),
    )
    wording_cy = _text(_("Decision in Welsh"), rows=4, max_length=5000, help_text=WELSH_FALLBACK)
    action_numbers = forms.CharField(
        label=_("Action numbers"),
        required=False,
        max_length=200,
        help_text=_("The actions this decision is about, separated by commas, for example 12, 20."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "numeric"}),
    )
    themes = _themes_field(_("The themes this decision is about, if any."))
    indicators = ContentMultipleChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.none(),
        required=False,
        content_field="statement",
        help_text=_("The indicators of the plan in force this decision is about, if any."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation that must act"),
        queryset=Organisation.objects.all(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Select the organisation that must act")},
    )
    due_on = DateField(label=_("Due date"), help_text=_("For example, 30 6 2026."))
    is_public = forms.TypedChoiceField(
        label=_("Who may read it?"),
        choices=[
            ("yes", _("Public, once the chair approves the minutes")),
            ("no", _("Internal: staff and the group only")),
        ],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who may read the decision")},
    )

    def __init__(self, *args, plan: DeliveryPlan | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        _link_choices(self, plan)

    def clean_action_numbers(self) -> list[Action]:
        text = self.cleaned_data["action_numbers"]
        if not text.strip():
            return []
        if not NUMBERS.match(text):
            raise forms.ValidationError(
                _("Enter action numbers separated by commas, for example 12, 20")
            )
        numbers = sorted({int(n) for n in re.findall(r"\d+", text)})
        actions = {a.number: a for a in Action.objects.filter(plan=self.plan, number__in=numbers)}
        missing = [str(n) for n in numbers if n not in actions]
        if missing:
            raise forms.ValidationError(
                _("The plan has no action numbered %(numbers)s"),
                params={"numbers": ", ".join(missing)},
            )
        return [actions[n] for n in numbers]


class RiskForm(GovukForm):
    description_en = _text(
        _("Risk in English"), rows=3, max_length=5000, required_message=_("Describe the risk")
    )
    description_cy = _text(_("Risk in Welsh"), rows=3, max_length=5000, help_text=WELSH_FALLBACK)
    action_numbers = DecisionForm.base_fields["action_numbers"]
    themes = _themes_field(_("The themes this risk threatens, if any."))
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood, from 1 (rare) to 5 (almost certain)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the likelihood")},
    )
    impact = forms.TypedChoiceField(
        label=_("Impact, from 1 (very low) to 5 (very high)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the impact")},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Organisation.objects.all(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Select the owner")},
    )
    mitigations_en = _text(_("Mitigations in English"), rows=4, max_length=10000)
    mitigations_cy = _text(
        _("Mitigations in Welsh"), rows=4, max_length=10000, help_text=WELSH_FALLBACK
    )
    review_on = DateField(label=_("Review date"), help_text=_("For example, 30 6 2026."))
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, plan: DeliveryPlan | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["owner"].queryset = Organisation.objects.order_by("name")
        _link_choices(self, plan)

    clean_action_numbers = DecisionForm.clean_action_numbers
