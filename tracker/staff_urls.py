from django.urls import path

from actions import staff_views
from measures import staff_views as measure_staff_views
from reports import views as report_views
from sig import views as sig_views
from tracker import staff_views as tracker_staff_views
from tracker import views as tracker_views

app_name = "staff"
urlpatterns = [
    path("", staff_views.my_actions, name="my-actions"),
    path(
        "actions/<slug:plan>/<int:number>/update/",
        staff_views.update_create,
        name="update-create",
    ),
    path("updates/", staff_views.review_queue, name="review-queue"),
    path("updates/<int:pk>/", staff_views.update_detail, name="update-detail"),
    path(
        "indicators/<int:pk>/values/new/",
        measure_staff_views.observation_create,
        name="observation-create",
    ),
    path("values/<int:pk>/edit/", measure_staff_views.observation_edit, name="observation-edit"),
    path("import/", tracker_staff_views.bulk_import, name="import"),
    path("audit/", tracker_staff_views.audit_log, name="audit"),
    path("start/", tracker_views.staff_start, name="start"),
    path("dashboard/", sig_views.sig_dashboard, name="dashboard"),
    path("dashboard/meeting-pack/", sig_views.meeting_pack, name="meeting-pack"),
    path("welsh/", tracker_staff_views.missing_welsh, name="missing-welsh"),
    path("reports/", report_views.staff_reports, name="reports"),
    path("reports/<int:pk>/", report_views.staff_report_run, name="report-run"),
    path("reports/<int:pk>/retry/", report_views.staff_report_retry, name="report-retry"),
    path("reports/<int:pk>/publish/", report_views.staff_report_publish, name="report-publish"),
    path("reports/<int:pk>/html/", report_views.staff_report_html, name="report-html"),
    path("reports/<int:pk>/pdf/", report_views.staff_report_pdf, name="report-pdf"),
]
