from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    MeasurementLine,
    Organisation,
    ProgressReview,
    ProgressUpdate,
)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(DeliveryPlan)
class DeliveryPlanTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(DeliveryPeriod)
class DeliveryPeriodTranslation(TranslationOptions):
    fields = ("label",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)


@register(ActionSubPoint)
class ActionSubPointTranslation(TranslationOptions):
    fields = ("text",)


@register(MeasurementLine)
class MeasurementLineTranslation(TranslationOptions):
    fields = ("text",)


@register(ProgressUpdate)
class ProgressUpdateTranslation(TranslationOptions):
    fields = ("summary",)


# Audit trail. Registered here, after the translation fields exist, so the history tables
# record the English and Welsh columns too (django-simple-history's documented way to
# combine it with django-modeltranslation).
for model in (
    Organisation,
    DeliveryPlan,
    DeliveryPeriod,
    Action,
    ActionOwner,
    ActionSubPoint,
    ProgressUpdate,
    ProgressReview,
):
    history_register(model, app=__package__)
