"""Choosing among content rows (plans, themes, organisations) in a filter or form.

Two things Django's ModelChoiceField does not know: a row whose Welsh name is still missing
shows its English name, and on a Welsh page that option must say so (lang="en", for screen
readers and for the Welsh crawl); and names sort in Welsh alphabetical order on Welsh pages.
"""

from django import forms
from django.utils.translation import get_language

from core.welsh_sort import sorted_by_name


def shows_english(instance, field: str) -> bool:
    """Whether ``instance.<field>`` falls back to English for the reader."""
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return False
    return bool(getattr(instance, f"{field}_en", "")) and not getattr(
        instance, f"{field}_{language}", ""
    )


class EnglishOptionsMixin:
    """Options in English, on a Welsh page, carry lang="en": those of rows whose
    ``content_field`` falls back to English (a ContentChoiceField), or those whose value is in
    ``english_values`` (a plain ChoiceField of rows' keys). For any choice widget."""

    content_field = ""

    def __init__(self, *args, english_values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.english_values = set(english_values)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and self.content_field:
            english = shows_english(instance, self.content_field)
        else:
            english = str(value) in self.english_values
        if english:
            option["attrs"]["lang"] = "en"
        return option


class ContentSelect(EnglishOptionsMixin, forms.Select):
    """A drop-down of content rows (see EnglishOptionsMixin)."""


class ContentRadioSelect(EnglishOptionsMixin, forms.RadioSelect):
    """Radios of content rows; templates/forms/field.html puts the option's lang on its label."""


class ContentCheckboxes(EnglishOptionsMixin, forms.CheckboxSelectMultiple):
    """Checkboxes of content rows, as ContentRadioSelect."""


class _NameOrderIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = list(self.queryset)
        if self.field.by_name:
            rows = sorted_by_name(rows, self.field.label_from_instance)
        for row in rows:
            yield self.choice(row)


class ContentChoiceField(forms.ModelChoiceField):
    """``content_field``: the translated field its label shows (for lang="en"); ``by_name``:
    order the options by their label, in Welsh order on Welsh pages (otherwise the queryset's
    own order, such as theme numbers)."""

    iterator = _NameOrderIterator
    widget = ContentSelect

    def __init__(self, *args, content_field: str = "", by_name: bool = False, **kwargs):
        self.by_name = by_name
        super().__init__(*args, **kwargs)
        self.widget.content_field = content_field


class ContentMultipleChoiceField(forms.ModelMultipleChoiceField):
    """ContentChoiceField for several rows (checkboxes by default)."""

    iterator = _NameOrderIterator
    widget = ContentCheckboxes

    def __init__(self, *args, content_field: str = "", by_name: bool = False, **kwargs):
        self.by_name = by_name
        super().__init__(*args, **kwargs)
        self.widget.content_field = content_field
