from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from measures.models import (
    Indicator,
    IndicatorBreakdown,
    MeasureFigure,
    MeasureStatement,
    Observation,
    ProgressMeasure,
)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = (
        "statement",
        "baseline_text",
        "notes",
        # Provenance and metadata (issue 16).
        "source_publication",
        "producer",
        "definition",
        "method",
        "caveats",
    )


@register(IndicatorBreakdown)
class IndicatorBreakdownTranslation(TranslationOptions):
    fields = ("label",)


@register(Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("breakdown_label", "source", "notes")


# Audit trail, registered after the translation fields exist (see actions/translation.py).
for model in (Indicator, IndicatorBreakdown, Observation):
    history_register(model, app=__package__)


# Progress measures (measures/measure_models.py): the figure's wording and the statement in both
# languages, and their audit trail.
@register(MeasureFigure)
class MeasureFigureTranslation(TranslationOptions):
    fields = ("unit", "source", "notes")


@register(MeasureStatement)
class MeasureStatementTranslation(TranslationOptions):
    fields = ("text",)


for model in (ProgressMeasure, MeasureFigure, MeasureStatement):
    history_register(model, app=__package__)
