from django.urls import path

from sig import organisation_views

app_name = "organisations"
urlpatterns = [
    path("", organisation_views.organisation_list, name="list"),
    path("<slug:slug>/", organisation_views.organisation_detail, name="detail"),
]
