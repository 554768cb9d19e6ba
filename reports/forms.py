from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actions.selectors import plans_latest_first
from core.content_choices import ContentSelect, shows_english
from core.forms import DateField, GovukForm
from reports.cutoff import cutoff_error


class ReportRequestForm(GovukForm):
    plan = forms.ChoiceField(
        label=_("Plan"),
        widget=ContentSelect,
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
            "From 31 December of the reporting year to today. Only updates and values "
            "approved by the end of this day are used. For example, 31 3 2025."
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
        plans = plans_latest_first()
        self.fields["plan"].choices = [(p.slug, p.title) for p in plans]
        # A plan with no Welsh title yet shows its English one, marked as English.
        self.fields["plan"].widget.english_values = {
            p.slug for p in plans if shows_english(p, "title")
        }

    def clean(self):
        data = super().clean()
        # The service refuses a wrong cut-off against this field along with every other
        # problem (the year outside the plan, say). It is not asked while another field is
        # wrong, so then the cut-off is checked here, and the page lists every problem at once.
        if self.errors and data.get("as_at") is not None:
            problem = cutoff_error(year=data.get("year"), as_at=data["as_at"])
            if problem:
                self.add_error("as_at", problem)
        return data


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
