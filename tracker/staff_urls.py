from django.urls import path

from actions import lineage_staff_views, staff_views
from measures import measure_staff_views as progress_measure_views
from measures import staff_views as measure_staff_views
from reports import views as report_views
from sig import meeting_views, risk_views
from sig import views as sig_views
from themes import views as story_views
from tracker import composed_views, translation_views
from tracker import staff_views as tracker_staff_views
from tracker import views as tracker_views

app_name = "staff"
urlpatterns = [
    # "Your actions" with the decisions the person's organisation must carry out.
    path("", composed_views.my_actions, name="my-actions"),
    path(
        "actions/<slug:plan>/<int:number>/update/",
        staff_views.update_create,
        name="update-create",
    ),
    path(
        "actions/<slug:plan>/<int:number>/outcome/",
        lineage_staff_views.action_outcome,
        name="action-outcome",
    ),
    path(
        "actions/<slug:plan>/<int:number>/lineage/",
        lineage_staff_views.action_lineage_manage,
        name="action-lineage",
    ),
    path("links/<int:pk>/confirm/", lineage_staff_views.link_confirm, name="link-confirm"),
    path("links/<int:pk>/remove/", lineage_staff_views.link_remove, name="link-remove"),
    path("updates/", staff_views.review_queue, name="review-queue"),
    path("updates/<int:pk>/", staff_views.update_detail, name="update-detail"),
    path(
        "indicators/<int:pk>/values/new/",
        measure_staff_views.observation_create,
        name="observation-create",
    ),
    path("values/<int:pk>/edit/", measure_staff_views.observation_edit, name="observation-edit"),
    path(
        "indicators/<int:pk>/about/edit/",
        measure_staff_views.indicator_definition_edit,
        name="indicator-definition-edit",
    ),
    path("measures/", progress_measure_views.measure_index, name="measure-list"),
    path("measures/<int:pk>/", progress_measure_views.measure_page, name="measure-detail"),
    path(
        "measures/<int:pk>/figures/new/",
        progress_measure_views.figure_create,
        name="measure-figure-create",
    ),
    path(
        "measure-figures/<int:pk>/edit/",
        progress_measure_views.figure_edit,
        name="measure-figure-edit",
    ),
    path(
        "measures/<int:pk>/statements/new/",
        progress_measure_views.statement_create,
        name="measure-statement-create",
    ),
    path(
        "measure-statements/<int:pk>/edit/",
        progress_measure_views.statement_edit,
        name="measure-statement-edit",
    ),
    path("import/", tracker_staff_views.bulk_import, name="import"),
    path("audit/", tracker_staff_views.audit_log, name="audit"),
    path("start/", tracker_views.staff_start, name="start"),
    path("stories/", story_views.story_list, name="story-list"),
    path("stories/<int:number>/<int:year>/", story_views.story_detail, name="story-detail"),
    path("stories/<int:number>/<int:year>/edit/", story_views.story_edit, name="story-edit"),
    path("dashboard/", sig_views.sig_dashboard, name="dashboard"),
    path("dashboard/meeting-pack/", sig_views.meeting_pack, name="meeting-pack"),
    # The Welsh texts' states and the translator's round trip (tracker/translation_views.py).
    path("welsh/", translation_views.welsh_translations, name="missing-welsh"),
    path(
        "welsh/export.<str:file_format>",
        translation_views.welsh_export,
        name="welsh-export",
    ),
    path("reports/", report_views.staff_reports, name="reports"),
    path("reports/<int:pk>/", report_views.staff_report_run, name="report-run"),
    path("reports/<int:pk>/retry/", report_views.staff_report_retry, name="report-retry"),
    path("reports/<int:pk>/publish/", report_views.staff_report_publish, name="report-publish"),
    path("reports/<int:pk>/html/", report_views.staff_report_html, name="report-html"),
    path("reports/<int:pk>/pdf/", report_views.staff_report_pdf, name="report-pdf"),
    # The strategic implementation group's meetings and decisions (sig/meeting_views.py).
    path("meetings/", meeting_views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/open/", meeting_views.meeting_open, name="meeting-open"),
    path("meetings/<int:pk>/pack/", meeting_views.meeting_pack, name="meeting-pack-frozen"),
    path(
        "meetings/<int:pk>/pack/<str:language>.pdf",
        meeting_views.meeting_pack_pdf,
        name="meeting-pack-pdf",
    ),
    path("meetings/<int:pk>/minutes/", meeting_views.minutes_edit, name="minutes-edit"),
    path(
        "meetings/<int:pk>/minutes/approve/",
        meeting_views.minutes_approve,
        name="minutes-approve",
    ),
    path(
        "meetings/<int:pk>/minutes/publish/",
        meeting_views.minutes_publish,
        name="minutes-publish",
    ),
    path(
        "meetings/<int:pk>/decisions/new/",
        meeting_views.decision_create,
        name="decision-create",
    ),
    path("decisions/<int:pk>/", meeting_views.decision_detail, name="decision"),
    path("decisions/<int:pk>/done/", meeting_views.decision_done, name="decision-done"),
    path("decisions/<int:pk>/drop/", meeting_views.decision_drop, name="decision-drop"),
    path("risks/", risk_views.risk_list, name="risks"),
    path("risks/<int:pk>/", risk_views.risk_detail, name="risk"),
]
