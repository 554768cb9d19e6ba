from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from measures.models import (
    Indicator,
    IndicatorBreakdown,
    MeasureFigure,
    MeasureStatement,
    Observation,
    ProgressMeasure,
)


class IndicatorBreakdownInline(TranslationTabularInline):
    model = IndicatorBreakdown
    extra = 0


class ObservationInline(TranslationTabularInline):
    model = Observation
    extra = 0
    readonly_fields = ("period_end", "created_at", "version", "recorded_by")


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("code", "statement", "direction", "unit", "baseline_status")
    list_filter = ("theme", "plan", "direction", "unit", "baseline_status")
    search_fields = ("statement_en", "statement_cy", "baseline_text_en")
    # Bumped by the definition form's service, which refuses edits made from an older version.
    readonly_fields = ("version",)
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


@admin.register(ProgressMeasure)
class ProgressMeasureAdmin(SimpleHistoryAdmin):
    list_display = ("code", "line", "kind")
    list_filter = ("kind", "line__plan", "line__theme")
    list_select_related = ("line", "line__theme")
    search_fields = ("line__text_en",)


@admin.register(MeasureFigure)
class MeasureFigureAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("measure", "period", "more_than", "value", "unit", "status")
    list_filter = ("status", "measure__line__theme")
    search_fields = ("unit_en", "source_en", "notes_en")
    list_select_related = ("measure", "measure__line", "measure__line__theme")
    readonly_fields = ("period_end", "created_at", "version", "recorded_by")


@admin.register(MeasureStatement)
class MeasureStatementAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("measure", "stated_on", "text")
    list_filter = ("measure__line__theme",)
    search_fields = ("text_en", "text_cy")
    list_select_related = ("measure", "measure__line", "measure__line__theme")
    readonly_fields = ("created_at", "version", "recorded_by")
