"""Single sign-on pages, in both languages. The provider's callback is not here: it has one
address in every language (tracker/urls.py)."""

from django.urls import path

from people import sso_views

app_name = "sso"

urlpatterns = [
    path("sign-on/", sso_views.SignOnStartView.as_view(), name="start"),
    path("sign-on/problem/", sso_views.sign_on_problem, name="problem"),
    path(
        "ask-your-administrator/", sso_views.ask_your_administrator, name="ask-your-administrator"
    ),
]
