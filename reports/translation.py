from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from reports.models import AnnualReport, ReportRun


@register(AnnualReport)
class AnnualReportTranslation(TranslationOptions):
    fields = ("introduction",)


for model in (AnnualReport, ReportRun):
    history_register(model, app=__package__)
