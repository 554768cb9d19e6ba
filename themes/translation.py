from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from themes.models import STORY_PARTS, Strategy, Theme, ThemeStory


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "ambition", "progress_intro", "indicators_pending_reason")


@register(ThemeStory)
class ThemeStoryTranslation(TranslationOptions):
    fields = ("outcome", *STORY_PARTS)


# Audit trail, registered after the translation fields exist (as in actions/translation.py).
# The open data's version (core.open_data.data_version) reads these too.
for model in (Strategy, Theme, ThemeStory):
    history_register(model, app=__package__)
