"""Forms for progress measure figures and statements; their fields are the services' lists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, GovukModelForm
from measures.forms import ObservationForm
from measures.measure_selectors import measure_story_choices
from measures.measure_services import FIGURE_FIELDS, STATEMENT_FIELDS
from measures.models import MeasureFigure, MeasureStatement


class MeasureFigureForm(GovukModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    # The model's translated fields are shown as their English and Welsh form fields.
    model_error_fields = {"unit": "unit_en", "source": "source_en", "notes": "notes_en"}
    source_url = forms.URLField(
        label=_("Link to the source"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The web address of the publication, if there is one."),
        # A text box styled like the others; the field still checks it is a web address.
        widget=forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter a web address starting with https://")},
    )

    class Meta:
        model = MeasureFigure
        # The stories are linked after the figure is saved (measure_services), so they are
        # not among the fields the services set one by one.
        fields = [*FIGURE_FIELDS, "stories"]
        labels = {
            "more_than": _("The source gives this figure as “more than” the value"),
            "stories": _("Show it in the impact section of these theme stories"),
            "unit_en": _("What is counted, in English"),
            "unit_cy": _("What is counted, in Welsh"),
            "source_en": _("Source in English"),
            "source_cy": _("Source in Welsh"),
            "notes_en": _("Notes in English"),
            "notes_cy": _("Notes in Welsh"),
        }
        help_texts = {
            "value": _("A number of 0 or more, in digits, for example 6200."),
            "unit_en": _("For example “visitors to the WeCare Wales website”."),
        }
        # The same wording as for indicator values.
        error_messages = {
            **ObservationForm.Meta.error_messages,
            "value": {
                **ObservationForm.Meta.error_messages["value"],
                "min_value": _("Enter a value of 0 or more"),
            },
        }
        widgets = {
            "status": forms.RadioSelect,
            "stories": forms.CheckboxSelectMultiple,
            "notes_en": forms.Textarea(attrs={"rows": 3}),
            "notes_cy": forms.Textarea(attrs={"rows": 3}),
            "value": forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
            "period": forms.TextInput(attrs={"spellcheck": "false"}),
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the stories of the measure's own theme.
        self.fields["stories"].queryset = measure_story_choices(measure=measure)
        self.fields["stories"].help_text = ""
        # As on the indicator value form: the server, not the browser, says what a period is.
        self.fields["period"].widget.attrs.pop("maxlength", None)
        # The box's own label says what ticking it means; the model's help would repeat it.
        self.fields["more_than"].help_text = ""
        self.fields["unit_en"].required = True
        self.fields["unit_en"].error_messages["required"] = _(
            "Enter what is counted in English, for example “jobs posted on the jobs portal”"
        )
        self.fields["source_en"].required = True
        self.fields["source_en"].error_messages["required"] = _(
            "Enter the source in English, for example the report the figure is from"
        )


class MeasureStatementForm(GovukModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    model_error_fields = {"text": "text_en"}

    class Meta:
        model = MeasureStatement
        fields = list(STATEMENT_FIELDS)
        labels = {
            "stated_on": _("Date of the statement"),
            "text_en": _("Statement in English"),
            "text_cy": _("Statement in Welsh"),
        }
        help_texts = {"stated_on": _("For example, 31 3 2026.")}
        field_classes = {"stated_on": DateField}
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "text_cy": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stated_on"].error_messages["required"] = _("Enter the date of the statement")
        for name, message in (
            ("text_en", _("Enter the statement in English")),
            ("text_cy", _("Enter the statement in Welsh")),
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
