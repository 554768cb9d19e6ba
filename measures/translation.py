from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from measures.models import Indicator, IndicatorBreakdown, Observation


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("statement", "baseline_text", "notes")


@register(IndicatorBreakdown)
class IndicatorBreakdownTranslation(TranslationOptions):
    fields = ("label",)


@register(Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("breakdown_label", "source", "notes")


# Audit trail, registered after the translation fields exist (see actions/translation.py).
for model in (Indicator, IndicatorBreakdown, Observation):
    history_register(model, app=__package__)
