from modeltranslation.translator import TranslationOptions, register

from actions.models import (
    Action,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    MeasurementLine,
    Organisation,
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
