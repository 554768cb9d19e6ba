from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovukForm, GovukModelForm
from themes.models import ThemeStory
from themes.services import STORY_FIELDS

# Each part's heading, shown above its English and Welsh boxes side by side.
PART_HEADINGS = {
    "outcome": _("Outcome"),
    "why_it_matters": _("Why it matters"),
    "what_we_did": _("What we did"),
    "impact": _("Our impact in figures"),
    "whats_next": _("What's next"),
}
PART_HINTS = {
    "outcome": _("The outcome this theme works towards, in one sentence."),
    "impact": _("Give figures with their period and source. Start a line with • for a list."),
}


class StoryForm(GovukModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = ThemeStory
        # The fields the service accepts: one list, so form and service cannot drift apart.
        fields = list(STORY_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part, heading in PART_HEADINGS.items():
            for language, label in (
                ("en", _("%(part)s in English")),
                ("cy", _("%(part)s in Welsh")),
            ):
                field = self.fields[f"{part}_{language}"]
                field.label = label % {"part": heading}
                field.required = False
                field.help_text = PART_HINTS.get(part, "")
                field.widget = forms.Textarea(
                    attrs={"rows": 3 if part == "outcome" else 6, "lang": language}
                )

    def parts(self) -> list[dict]:
        """Each part with its English and Welsh fields, for the side-by-side layout."""
        return [
            {"heading": heading, "en": self[f"{part}_en"], "cy": self[f"{part}_cy"]}
            for part, heading in PART_HEADINGS.items()
        ]


class StoryDecisionForm(GovukForm):
    APPROVE, RETURN = "approve", "return"
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[(APPROVE, _("Approve and publish")), (RETURN, _("Send back to draft"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select your decision")},
    )
    comment = forms.CharField(
        label=_("What to change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you send the story back."),
    )


class StoryYearForm(GovukForm):
    year = forms.IntegerField(label=_("Reporting year"))

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["year"].widget.attrs.update(
            {"inputmode": "numeric", "class": "app-input--width-4"}
        )

    def clean_year(self):
        year = self.cleaned_data["year"]
        start, end = self.strategy.start_year, self.strategy.end_year
        if not start <= year <= end:
            raise forms.ValidationError(
                _("Enter a year from %(start)s to %(end)s"), params={"start": start, "end": end}
            )
        return year
