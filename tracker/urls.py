from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from actions import views as action_views
from core.forms import SignInForm
from measures import views as measure_views
from tracker import views

admin.site.site_header = _("Workforce Strategy Tracker administration")
admin.site.site_title = _("Workforce Strategy Tracker")
admin.site.index_title = _("Manage the tracker")

# Machine-readable and operational URLs keep one address in every language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("data/actions.json", action_views.actions_json, name="data-actions-json"),
    path("data/actions.csv", action_views.actions_csv, name="data-actions-csv"),
    path("data/indicators.json", measure_views.indicators_json, name="data-indicators-json"),
]

# Pages: English at /, Welsh under /cy/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("themes/", include("tracker.theme_urls")),
    path("actions/", include("actions.urls")),
    path("indicators/", include("measures.urls")),
    path("reports/", include("reports.urls")),
    path("staff/", include("tracker.staff_urls")),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
