from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from actions.lineage_models import ActionLink, ActionOutcome
from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    MeasurementLine,
    OrganisationMembership,
)
from actions.plan_models import (
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
    PlanStatement,
    PlanTheme,
)
from actions.update_models import ProgressReview, ProgressUpdate


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(DeliveryPlan)
class DeliveryPlanTranslation(TranslationOptions):
    fields = ("title", "summary", "short_title")


@register(DeliveryPeriod)
class DeliveryPeriodTranslation(TranslationOptions):
    fields = ("label",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text", "description")


@register(PlanTheme)
class PlanThemeTranslation(TranslationOptions):
    fields = ("heading",)


@register(PlanStatement)
class PlanStatementTranslation(TranslationOptions):
    fields = ("text",)


@register(ActionLink)
class ActionLinkTranslation(TranslationOptions):
    fields = ("reason",)


@register(ActionSubPoint)
class ActionSubPointTranslation(TranslationOptions):
    fields = ("text",)


@register(MeasurementLine)
class MeasurementLineTranslation(TranslationOptions):
    fields = ("text",)


@register(ProgressUpdate)
class ProgressUpdateTranslation(TranslationOptions):
    # Every text the public reads on the action page; the internal note stays staff-only.
    fields = ("summary", "next_steps", "status_reason", "date_change_reason")


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
    PlanTheme,
    PlanStatement,
    ActionLink,
    ActionOutcome,
    MeasurementLine,
):
    history_register(model, app=__package__)

# Who may act for which organisation: every change is recorded with who made it, so that moving
# an owner to another organisation (and so to its actions) is never unrecorded.
history_register(OrganisationMembership, app=__package__)
