from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import UPDATE_STATUSES, ProgressUpdate, ReviewDecision
from actions.quarters import recent_quarters
from actions.services import UPDATE_FIELDS
from core.forms import DateField, GovukForm, GovukModelForm


class ProgressUpdateForm(GovukModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    approve = forms.BooleanField(
        label=_("Approve and publish this update now"),
        required=False,
        help_text=_("Editors only. Leave unticked to send it for review."),
    )

    class Meta:
        model = ProgressUpdate
        fields = list(UPDATE_FIELDS)
        labels = {
            "summary_en": _("Summary of progress in English"),
            "summary_cy": _("Summary of progress in Welsh"),
        }
        help_texts = {
            "summary_en": _("Published on the action's page once approved."),
            "summary_cy": _("If you leave it empty, Welsh readers see the English."),
            "revised_target_date": _("For example, 31 3 2026."),
        }
        # Day, month and year boxes (GOV.UK date input), not the browser's date picker.
        field_classes = {"revised_target_date": DateField}
        error_messages = {
            "status": {"required": _("Select a status")},
            "summary_en": {"required": _("Enter a summary of progress in English")},
        }
        widgets = {
            "status": forms.RadioSelect(choices=UPDATE_STATUSES),
            "status_reason": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "summary_cy": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
            "evidence_links": forms.Textarea(attrs={"rows": 3}),
            "date_change_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, can_approve: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = recent_quarters(timezone.localdate())
        self.fields["quarter"] = forms.ChoiceField(
            label=_("Reporting period"),
            choices=[(q.code, q.label()) for q in quarters],
            initial=quarters[0].code,
            help_text=_("The quarter this update covers."),
            error_messages={"required": _("Select the reporting period")},
        )
        self.fields["status"].choices = UPDATE_STATUSES
        self.fields["summary_en"].required = True
        if not can_approve:
            del self.fields["approve"]


class ReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select your decision")},
    )
    comment = forms.CharField(
        label=_("Comment for the owner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the update: say what to change."),
    )
