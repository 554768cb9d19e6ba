from django import forms
from django.utils.translation import gettext_lazy as _

from actions.lineage_models import LinkRelation, Outcome
from actions.models import Action
from actions.plan_models import DeliveryPlan
from core.content_choices import ContentChoiceField
from core.forms import GovukForm


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select an outcome")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the action is closed. Published on the action's page."),
    )


class LinkForm(GovukForm):
    """A link from this action to an action of another plan, named by plan and number."""

    relation = forms.ChoiceField(
        label=_("This action…"),
        choices=LinkRelation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the actions relate")},
    )
    plan = ContentChoiceField(
        label=_("Plan of the other action"),
        content_field="title",
        queryset=DeliveryPlan.objects.none(),
        to_field_name="slug",
        empty_label=None,
    )
    number = forms.IntegerField(
        label=_("Number of the other action"),
        min_value=1,
        max_value=999,
        error_messages={"required": _("Enter the number of the other action")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("One line: what the two texts share."),
        error_messages={"required": _("Enter the reason for the link")},
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = DeliveryPlan.objects.exclude(pk=action.plan_id)

    def clean(self):
        data = super().clean()
        if data.get("plan") and data.get("number"):
            target = Action.objects.filter(plan=data["plan"], number=data["number"]).first()
            if target is None:
                self.add_error(
                    "number",
                    _("There is no action {number} in that plan.").format(number=data["number"]),
                )
            data["target"] = target
        return data
