from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from actions.selectors import plan_current
from core import roles
from reports.selectors import report_latest_published
from tracker.selectors import strategy_overview


@never_cache
@require_safe
def healthz(request):
    """200 when the app can reach its database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def home(request):
    plan = plan_current()
    return render(
        request,
        "home.html",
        {
            "plan": plan,
            "latest_report": report_latest_published(language=get_language()),
            **strategy_overview(plan=plan),
        },
    )


@require_safe
def staff_start(request):
    """Where signing in lands: each person's start page.

    SIG members read and discuss; they do not write updates, so they start on the dashboard.
    Editors and action owners have updates to write or review, so they start on their actions.
    People without a role yet (a first single sign-on) are told whom to ask for one.
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not roles.is_staff_user(user):
        return redirect("sso:ask-your-administrator")
    if roles.can_view_internal(user) and not (roles.is_editor(user) or roles.is_action_owner(user)):
        return redirect("staff:dashboard")
    return redirect("staff:my-actions")
