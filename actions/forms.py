from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import UPDATE_STATUSES, Organisation, ProgressUpdate, ReviewDecision
from actions.quarters import recent_quarters
from actions.services import UPDATE_FIELDS, UPDATE_TWINS
from core.content_choices import ContentChoiceField, ContentRadioSelect
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

    def __init__(
        self,
        *args,
        can_approve: bool = False,
        organisations: list[Organisation] | None = None,
        own_organisation_id: int | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._reports_for_field(organisations or [], own_organisation_id)
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

    def _reports_for_field(self, organisations: list, own_organisation_id: int | None) -> None:
        """Only a jointly owned action asks whose part an update reports, offering its owners,
        the submitter's own organisation first chosen. The service checks the choice again."""
        if len(organisations) < 2:
            del self.fields["reports_for"]
            return
        self.fields["reports_for"] = ContentChoiceField(
            label=_("Which organisation's part does this update report?"),
            queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
            required=False,
            blank=True,
            empty_label=_("The whole action"),
            widget=ContentRadioSelect,
            content_field="name",
            by_name=True,
            error_messages={
                "invalid_choice": _(
                    "Select which organisation's part this update reports from the options shown"
                )
            },
            help_text=_(
                "This action is owned jointly. The action's status still comes from its "
                "latest approved update, whichever part it reports."
            ),
        )
        if own_organisation_id in {o.pk for o in organisations} and "reports_for" not in (
            self.initial
        ):
            self.initial["reports_for"] = own_organisation_id
        self.order_fields(["reports_for"])

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
