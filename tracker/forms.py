from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, GovukForm
from tracker.audit import AuditFilter, audit_kinds


class AuditFilterForm(GovukForm):
    who = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=150,
        help_text=_("The person's user name, for example gwen.jones."),
    )
    kind = forms.ChoiceField(label=_("What"), required=False)
    since = DateField(label=_("From"), required=False, help_text=_("For example, 1 4 2025."))
    until = DateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds of change")), *audit_kinds()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error(
                "until", _("The ‘to’ date must be the same as or after the ‘from’ date.")
            )
        return data

    def filters(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            who=data.get("who", "").strip(),
            kind=data.get("kind", ""),
            since=data.get("since"),
            until=data.get("until"),
        )
