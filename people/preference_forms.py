"""The form on "Your email settings": how often, and in which language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovukForm
from core.models import EmailLanguage, Frequency

# A radio button cannot carry an empty value and still be required, so "both languages"
# (stored as "") is "both" in the form.
BOTH = "both"
LANGUAGE_CHOICES = [
    (BOTH, _("Welsh and English in each email, Welsh first")),
    (EmailLanguage.ENGLISH, EmailLanguage.ENGLISH.label),
    (EmailLanguage.WELSH, EmailLanguage.WELSH.label),
]


class EmailPreferenceForm(GovukForm):
    frequency = forms.ChoiceField(
        label=_("How often do you want emails from the tracker?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how often you want emails")},
    )
    language = forms.ChoiceField(
        label=_("Which language should your emails be in?"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language of your emails")},
    )

    def cleaned_language(self) -> str:
        """The language as stored: empty for both."""
        language = self.cleaned_data["language"]
        return "" if language == BOTH else language
