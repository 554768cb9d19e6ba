from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from measures.models import Indicator, IndicatorBreakdown, Observation


class ObservationInline(TranslationTabularInline):
    model = Observation
    extra = 0
    readonly_fields = ("period_end", "created_at", "version", "recorded_by")


class IndicatorBreakdownInline(TranslationTabularInline):
    model = IndicatorBreakdown
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("code", "statement", "direction", "unit", "baseline_status")
    list_filter = ("theme", "plan", "direction", "unit", "baseline_status")
    search_fields = ("statement_en", "statement_cy", "baseline_text_en")
    list_select_related = ("theme", "plan")
    ordering = ("theme__number", "position")
    inlines = [IndicatorBreakdownInline, ObservationInline]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("indicator", "period", "breakdown", "value", "status", "is_baseline")
    list_filter = ("status", "is_baseline", "indicator__theme")
    search_fields = ("indicator__statement_en", "source_en", "notes_en", "breakdown")
    list_select_related = ("indicator", "indicator__theme")
    readonly_fields = ("period_end", "created_at", "version", "recorded_by")


@admin.register(IndicatorBreakdown)
class IndicatorBreakdownAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("indicator", "code", "label", "direction")
    list_filter = ("direction", "indicator__theme")
    search_fields = ("code", "label_en", "label_cy", "indicator__statement_en")
    list_select_related = ("indicator", "indicator__theme")
