from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from themes.models import Strategy, Theme


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("title", "start_year", "end_year")
    search_fields = ("title_en", "title_cy")


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("number", "title", "strategy")
    list_display_links = ("number", "title")
    list_filter = ("strategy",)
    search_fields = ("title_en", "title_cy", "ambition_en", "ambition_cy")
    ordering = ("strategy", "number")
