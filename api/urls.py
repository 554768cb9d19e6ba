"""/api/v1/: the read API, its OpenAPI schema and its documentation (one address in every
language: the language is a parameter)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from api import docs_views, views

app_name = "api"


def _pair(prefix: str, viewset, detail: str, name: str) -> list:
    return [
        path(f"{prefix}/", viewset.as_view({"get": "list"}), name=f"{name}-list"),
        path(f"{prefix}/{detail}/", viewset.as_view({"get": "retrieve"}), name=f"{name}-detail"),
    ]


urlpatterns = [
    path("", docs_views.ApiRoot.as_view(), name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    *_pair("plans", views.PlanViewSet, "<slug:slug>", "plans"),
    *_pair("themes", views.ThemeViewSet, "<int:number>", "themes"),
    *_pair("actions", views.ActionViewSet, "<slug:plan>/<int:number>", "actions"),
    *_pair("indicators", views.IndicatorViewSet, "<slug:plan>/<str:code>", "indicators"),
    *_pair("reports", views.ReportViewSet, "<int:pk>", "reports"),
    *_pair("decisions", views.DecisionViewSet, "<int:pk>", "decisions"),
    # Anything else under /api/v1/ (a plan that is not a slug, a negative number) answers in
    # JSON as the schema says, not with the site's HTML page. The documentation is a page in
    # both languages (api/page_urls.py: /api/v1/docs/ and /cy/api/v1/docs/).
    re_path(r"^(?!docs/$)[\s\S]*$", docs_views.not_found),
]
