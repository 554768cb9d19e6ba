"""Pages in both languages (English at /, Welsh under /cy/): search, feeds, the open data page."""

from django.urls import path

from api import docs_views, feeds, open_data_page, search_views

urlpatterns = [
    path("open-data/", open_data_page.open_data, name="open-data"),
    path("api/v1/docs/", docs_views.api_docs, name="api-docs"),
    path("search/", search_views.search, name="search"),
    path("feeds/updates.atom", feeds.UpdatesFeed(), name="feed-updates"),
    path("feeds/themes/<int:number>.atom", feeds.ThemeUpdatesFeed(), name="feed-theme"),
    path(
        "feeds/actions/<slug:plan>/<int:number>.atom",
        feeds.ActionUpdatesFeed(),
        name="feed-action",
    ),
    path("feeds/reports.atom", feeds.ReportsFeed(), name="feed-reports"),
]
