from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from sig.models import Decision, Meeting, Risk


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("agenda", "minutes")


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("wording",)


@register(Risk)
class RiskTranslation(TranslationOptions):
    fields = ("description", "mitigations")


# Audit trail, registered after the translation fields exist so the history tables keep the
# English and Welsh columns (as in actions/translation.py). The frozen packs never change and
# the email receipts are a log in themselves, so neither needs a history. A risk's history is
# the history of its score.
for model in (Meeting, Decision, Risk):
    history_register(model, app=__package__)
