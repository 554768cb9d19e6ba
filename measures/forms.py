from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, GovukForm, GovukModelForm
from measures.freshness import Frequency
from measures.models import Indicator, Observation, Unit
from measures.services import DEFINITION_FIELDS, OBSERVATION_FIELDS

# What a value of each unit may be: shown beside the box, and the range the model checks.
VALUE_HINTS = {
    Unit.PERCENT: _("A percentage from 0 to 100, without a per cent sign, for example 42.5."),
    Unit.COUNT: _("A count of 0 or more, for example 1250."),
    Unit.SCORE: _("A score, for example 7.5."),
    Unit.YEARS: _("A number of years, for example 3.5."),
}


OUT_OF_DATE = _(
    "This page is out of date. Open it again from the indicator page and make your change again."
)


class ObservationForm(GovukModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    # The model's translated fields are shown as their English and Welsh form fields.
    model_error_fields = {
        "breakdown_label": "breakdown_label_en",
        "source": "source_en",
        "notes": "notes_en",
    }

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
        field_classes = {"release_date": DateField}
        help_texts = {
            "release_date": _(
                "The day the source published this figure, for example 27 3 2025. When you "
                "correct a published figure, enter the day the revised figure was published: "
                "the earlier figure stays in the value's history."
            )
        }
        error_messages = {
            "period": {"required": _("Enter the period, for example 2024 or 2024-25")},
            "value": {"required": _("Enter the value")},
            "status": {
                "required": _("Select a status"),
                "invalid_choice": _("Select provisional or final"),
            },
            "breakdown": {
                "invalid": _(
                    "Enter the breakdown code using only lower-case letters, numbers and "
                    "hyphens, for example care-homes"
                )
            },
        }
        widgets = {
            "status": forms.RadioSelect,
            "notes_en": forms.Textarea(attrs={"rows": 3}),
            "notes_cy": forms.Textarea(attrs={"rows": 3}),
            "value": forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
            "period": forms.TextInput(attrs={"spellcheck": "false"}),
        }

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        # A browser cuts typed text at maxlength without a word ("2025-02-31" became the month
        # "2025-02"); without it the server says what is wrong with the period instead.
        self.fields["period"].widget.attrs.pop("maxlength", None)
        # A change must say which version it was made on, or it would silently overwrite a
        # change saved in the meantime.
        self.fields["base_version"].required = self.instance.pk is not None
        self.fields["base_version"].error_messages["required"] = OUT_OF_DATE
        self.fields["source_en"].required = True
        self.fields["source_en"].error_messages["required"] = _(
            "Enter the source in English, for example the survey or report the value is from"
        )
        self.fields["value"].help_text = VALUE_HINTS.get(indicator.unit, "")
        self.fields["breakdown_label_en"].help_text = _(
            "Needed when you enter a breakdown code, for example “Adult care homes”."
        )


class IndicatorDefinitionForm(GovukModelForm):
    """What the indicator measures and where its figures come from, in both languages."""

    base_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, error_messages={"required": OUT_OF_DATE}
    )
    frequency = forms.ChoiceField(
        label=_("How often it is published"),
        choices=[("", _("Not recorded")), *Frequency.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    # Declared here for its scheme: a link typed without one is taken as https.
    source_url = forms.URLField(
        label=_("Link to the source publication"),
        help_text=_("The web address of the publication, starting with https://"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false", "class": "app-input"}),
        error_messages={"invalid": _("Enter a web address, like https://socialcare.wales/")},
    )

    class Meta:
        model = Indicator
        fields = list(DEFINITION_FIELDS)
        field_classes = {"next_release": DateField}
        labels = {
            "definition_en": _("Definition in English"),
            "definition_cy": _("Definition in Welsh"),
            "method_en": _("Method in English"),
            "method_cy": _("Method in Welsh"),
            "caveats_en": _("Caveats in English"),
            "caveats_cy": _("Caveats in Welsh"),
            "source_publication_en": _("Source publication in English"),
            "source_publication_cy": _("Source publication in Welsh"),
            "producer_en": _("Producer in English"),
            "producer_cy": _("Producer in Welsh"),
            "next_release": _("Expected next release"),
        }
        help_texts = {
            "definition_en": _("In a sentence or two: what the indicator counts or measures."),
            "method_en": _("How the figure is worked out: who is asked or counted, and how."),
            "caveats_en": _("What a reader should bear in mind, such as a low response rate."),
            "next_release": _(
                "The day the next figures are due to be published, for example 31 3 2026. "
                "Leave it empty if the producer has not said."
            ),
        }
        widgets = {
            f"{text}_{language}": forms.Textarea(attrs={"rows": 3})
            for text in ("definition", "method", "caveats")
            for language in ("en", "cy")
        }


class ImportForm(GovukForm):
    KIND_UPDATES = "updates"
    KIND_OBSERVATIONS = "observations"
    KIND_MEASURE_FIGURES = "measure_figures"
    KIND_MEASURE_STATEMENTS = "measure_statements"
    kind = forms.ChoiceField(
        label=_("What the file contains"),
        choices=[
            (KIND_UPDATES, _("Progress updates")),
            (KIND_OBSERVATIONS, _("Indicator values")),
            (KIND_MEASURE_FIGURES, _("Progress measure figures")),
            (KIND_MEASURE_STATEMENTS, _("Progress measure statements")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the file contains")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV or Excel (.xlsx) file, at most 2 MB."),
        widget=forms.FileInput,
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a file"),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The file must be a .csv or .xlsx file."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file must be 2 MB or smaller."))
        return upload
