from modeltranslation.translator import TranslationOptions, register

from themes.models import Strategy, Theme


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "ambition", "progress_intro", "indicators_pending_reason")
