from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from actions.admin import ReadOnlyAdmin
from reports.models import AnnualReport, ReportRun


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("__str__", "plan", "year")
    list_filter = ("plan",)
    search_fields = ("introduction_en", "introduction_cy")


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    """Runs are made and published through the staff pages; here they are read only, so a
    published report can never be changed."""

    list_display = ("report", "language", "as_at", "status", "version", "published_at")
    list_filter = ("status", "language", "report__plan")
    search_fields = ("failure_reason", "change_note", "pdf_sha256")
    list_select_related = ("report",)
