from django.urls import path

from people import two_factor

app_name = two_factor.NAMESPACE
urlpatterns = [
    path("", two_factor.verify, name="verify"),
    path("set-up/", two_factor.setup, name="setup"),
]
