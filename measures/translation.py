from modeltranslation.translator import TranslationOptions, register

from measures.models import Indicator, Observation


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("statement", "baseline_text", "notes")


@register(Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("breakdown_label", "source", "notes")
