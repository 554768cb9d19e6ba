from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import UPDATE_STATUSES, ProgressUpdate, ReviewDecision
from actions.quarters import recent_quarters
from actions.services import UPDATE_FIELDS, UPDATE_TWINS
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
            "status_reason_en": _("Reason for the status in English"),
            "status_reason_cy": _("Reason for the status in Welsh"),
            "next_steps_en": _("Next steps in English"),
            "next_steps_cy": _("Next steps in Welsh"),
            "date_change_reason_en": _("Reason for the new date in English"),
            "date_change_reason_cy": _("Reason for the new date in Welsh"),
        }
        help_texts = {
            "summary_en": _("Published on the action's page once approved."),
            "summary_cy": _("If you leave it empty, Welsh readers see the English."),
            "status_reason_cy": _("If you leave it empty, Welsh readers see the English."),
            "next_steps_cy": _("If you leave it empty, Welsh readers see the English."),
            "date_change_reason_cy": _("If you leave it empty, Welsh readers see the English."),
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
            **{
                f"{name}_{language}": forms.Textarea(attrs={"rows": 5 if name == "summary" else 3})
                for name in UPDATE_TWINS
                for language in ("en", "cy")
            },
            "internal_note": forms.Textarea(attrs={"rows": 3}),
            "evidence_links": forms.Textarea(attrs={"rows": 3}),
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

    def rows(self) -> list[tuple]:
        """The fields in order, each English text paired with its Welsh twin to sit beside it."""
        rows = []
        for field in self:
            name = field.name
            if name.endswith("_cy") and name[:-3] in UPDATE_TWINS:
                continue
            if name.endswith("_en") and name[:-3] in UPDATE_TWINS:
                rows.append((field, self[f"{name[:-3]}_cy"]))
            else:
                rows.append((field, None))
        return rows


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
