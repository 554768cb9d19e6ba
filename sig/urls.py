from django.urls import path

from sig import public_views

app_name = "sig"
urlpatterns = [
    path("", public_views.decision_list, name="decisions"),
]
