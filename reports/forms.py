from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actions.models import DeliveryPlan


class ReportRequestForm(forms.Form):
    plan = forms.ChoiceField(label=_("Plan"))
    year = forms.IntegerField(
        label=_("Reporting year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    as_at = forms.DateField(
        label=_("As at"),
        help_text=_("Only updates and values approved by the end of this day are used."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2025-03-31.")},
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
        self.fields["plan"].choices = [
            (p.slug, p.title) for p in DeliveryPlan.objects.order_by("-start_year")
        ]


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("What this version changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when an earlier version of this report is already published."),
    )
