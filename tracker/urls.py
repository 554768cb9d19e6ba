from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from actions import views as action_views
from core.forms import SignInForm
from measures import measure_views as progress_measure_views
from measures import views as measure_views
from people import preference_views, sso_views
from sig import public_views as sig_public_views
from tracker import composed_views, views

admin.site.site_header = _("Workforce Strategy Tracker administration")
admin.site.site_title = _("Workforce Strategy Tracker")
admin.site.index_title = _("Manage the tracker")

# Machine-readable and operational URLs keep one address in every language.
# A database outage answers 503 (bilingual page, or JSON for the data endpoints), not 500.
handler500 = "core.error_pages.server_error"
handler400 = "core.error_pages.bad_request"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Single sign-on's callback: one address in every language, registered with the provider.
    path("sign-on/callback/", sso_views.SignOnCallbackView.as_view(), name="sso-callback"),
    path("data/actions.json", action_views.actions_json, name="data-actions-json"),
    path("data/actions.csv", action_views.actions_csv, name="data-actions-csv"),
    path("data/indicators.json", measure_views.indicators_json, name="data-indicators-json"),
    path(
        "data/indicators/<slug:plan>/<str:code>.csv",
        measure_views.indicator_csv,
        name="data-indicator-csv",
    ),
    path("data/decisions.json", sig_public_views.decisions_json, name="data-decisions-json"),
    path("data/measures.json", progress_measure_views.measures_json, name="data-measures-json"),
    path("data/measures.csv", progress_measure_views.measures_csv, name="data-measures-csv"),
    # The read API, the bulk download and the new CSVs (issue 19, api/).
    path("api/v1/", include("api.urls")),
    path("data/", include("api.data_urls")),
]

# Pages: English at /, Welsh under /cy/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("themes/", include("tracker.theme_urls")),
    path("plans/", include("actions.plan_urls")),
    # The action page with the group's decisions on it, composed here because sig stands above
    # actions (tracker/composed_views.py). Listed first, it answers the address that
    # actions:detail reverses to; actions.urls keeps the list and the name.
    path(
        "actions/<slug:plan>/<int:number>/",
        composed_views.action_detail,
        name="action-detail-with-decisions",
    ),
    path("actions/", include("actions.urls")),
    path("decisions/", include("sig.urls")),
    path("organisations/", include("sig.organisation_urls")),
    # The indicator page with the group's decisions about it, composed as the action page is.
    path(
        "indicators/<int:pk>/",
        composed_views.indicator_detail,
        name="indicator-detail-with-decisions",
    ),
    path("indicators/", include("measures.urls")),
    path("reports/", include("reports.urls")),
    # Search, feeds and the open data page, in both languages (issue 19, api/).
    path("", include("api.page_urls")),
    # The People pages (/staff/people/) and invitation links (/people/invitations/<token>/).
    path("", include("people.urls")),
    path("staff/", include("tracker.staff_urls")),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Each signed-in person's own email choices, whatever their role (people/).
    path("account/email-settings/", preference_views.email_settings, name="email-settings"),
    # Single sign-on, its problems explained, and the page for people without a role (people/).
    path("", include("people.sso_urls")),
    # Password reset by email and the second factor for local password accounts (people/).
    path("", include("people.password_reset")),
    path("two-factor/", include("people.two_factor_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
