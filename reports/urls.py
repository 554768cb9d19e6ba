from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_html, name="html"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("edition/<int:report_pk>/", views.report_edition, name="edition"),
]
