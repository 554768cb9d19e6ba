from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actions.selectors import plans_latest_first
from core.forms import DateField, GovukForm


class ReportRequestForm(GovukForm):
    plan = forms.ChoiceField(
        label=_("Plan"),
        error_messages={
            "required": _("Select a plan"),
            "invalid_choice": _("Select a plan from the list"),
        },
    )
    year = forms.IntegerField(
        label=_("Reporting year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": _("Enter the reporting year, for example 2025")},
    )
    as_at = DateField(
        label=_("As at"),
        help_text=_(
            "Only updates and values approved by the end of this day are used. "
            "For example, 31 3 2025."
        ),
        error_messages={"required": _("Enter the date the report is as at")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        initial=["en", "cy"],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose English, Welsh or both.")},
    )
    introduction_en = forms.CharField(
        label=_("Introduction in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    introduction_cy = forms.CharField(
        label=_("Introduction in Welsh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.slug, p.title) for p in plans_latest_first()]


class PublishForm(GovukForm):
    change_note = forms.CharField(
        label=_("What this version changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when an earlier version of this report is already published."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I have checked the editions above and understand that publishing cannot be undone"
        ),
        error_messages={
            "required": _("Confirm that you have checked the editions before publishing.")
        },
    )
