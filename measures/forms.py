from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import Observation
from measures.services import OBSERVATION_FIELDS


class ObservationForm(forms.ModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Observation
        # The fields the services accept: one list, so form and service cannot drift apart.
        fields = list(OBSERVATION_FIELDS)
        labels = {
            "breakdown_label_en": _("Breakdown in English"),
            "breakdown_label_cy": _("Breakdown in Welsh"),
            "source_en": _("Source in English"),
            "source_cy": _("Source in Welsh"),
            "notes_en": _("Notes in English"),
            "notes_cy": _("Notes in Welsh"),
        }
        widgets = {
            "status": forms.RadioSelect,
            "notes_en": forms.Textarea(attrs={"rows": 3}),
            "notes_cy": forms.Textarea(attrs={"rows": 3}),
            "value": forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
            "period": forms.TextInput(attrs={"spellcheck": "false"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_en"].required = True


class ImportForm(forms.Form):
    KIND_UPDATES = "updates"
    KIND_OBSERVATIONS = "observations"
    kind = forms.ChoiceField(
        label=_("What the file contains"),
        choices=[
            (KIND_UPDATES, _("Progress updates")),
            (KIND_OBSERVATIONS, _("Indicator values")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"), help_text=_("A CSV or Excel (.xlsx) file, at most 2 MB.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The file must be a .csv or .xlsx file."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file must be 2 MB or smaller."))
        return upload
