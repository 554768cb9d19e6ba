from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from themes.models import Strategy, Theme, ThemeStory


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


@admin.register(ThemeStory)
class ThemeStoryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Read only: a story changes through the staff pages, where a second Editor approves it;
    changing it here would publish words nobody approved."""

    list_display = ("theme", "year", "state", "written_by", "approved_by")
    list_filter = ("state", "year")
    search_fields = ("outcome_en", "outcome_cy")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
