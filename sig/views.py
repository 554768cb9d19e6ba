import datetime

from django import forms
from django.core.cache import caches
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from actions.selectors import plan_current
from core.access import internal_required
from core.data_version import version_token
from core.forms import DateField, GovukForm
from sig import dashboard, selectors


class SinceForm(GovukForm):
    # Day, month and year boxes (core.forms.DateField); ?since=2025-03-31 links still work.
    since = DateField(
        label=_("Changed since"),
        required=False,
        help_text=_("For example the date of the last meeting: 31 3 2025."),
    )

    def clean_since(self):
        value = self.cleaned_data["since"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past."))
        return value


# What the dashboard computes is kept per version of the data (core/data_version.py: every
# write moves it), language, "changed since" and day, since "overdue" and "due this quarter"
# move with the date even when the data does not. The page itself is signed-in (its header
# names the person and carries their sign-out form), so it is never cached whole: only the
# data, for the meeting pack, and the dashboard's sections rendered from it, which are the
# same for everyone who may open the dashboard (they show no person's name or form).
CACHE_ALIAS = "default"
CACHE_SECONDS = 60 * 60
# The sections of templates/staff/dashboard.html rendered from the cached data.
SECTIONS = {
    "headline_html": ("staff/dashboard_headline.html",),
    "body_html": ("staff/dashboard_body.html", "staff/dashboard_other_plans.html"),
}


def _key(kind: str, *parts: str) -> str:
    return f"sig-dashboard-{kind}:" + ":".join((version_token(), get_language() or "en", *parts))


def _data(*, plan, since: datetime.date, today: datetime.date) -> dict:
    """The dashboard's computed data: exceptions, tables, changes, decisions and risks."""
    key = _key("data", str(plan.pk), since.isoformat(), today.isoformat())
    cache = caches[CACHE_ALIAS]
    data = cache.get(key)
    if data is None:
        data = dashboard.dashboard_data(plan=plan, since=since, today=today)
        data["exceptions"].overdue_decisions = list(selectors.decisions_overdue(today=today))
        data["risks"] = selectors.risks_for_dashboard(today=today)
        cache.set(key, data, CACHE_SECONDS)
    return data


def _since(request) -> tuple[SinceForm, datetime.date | None, int]:
    """The form, the date asked for (None: the default) and the status to answer with."""
    form = SinceForm(request.GET or None)
    if not request.GET:
        return form, None, 200
    if form.is_valid():
        return form, form.cleaned_data["since"], 200
    return form, None, 400


def _computed(*, today: datetime.date, since: datetime.date | None) -> dict:
    plan = plan_current()
    # "Changed since the last meeting": the previous meeting's date, else 90 days back.
    since = since or selectors.changes_since_default(before=today)
    context = {"plan": plan, "since": since}
    if plan is not None:
        context.update(_data(plan=plan, since=since, today=today))
    return context


def _context(request) -> tuple[dict, int]:
    form, since, status = _since(request)
    context = _computed(today=timezone.localdate(), since=since)
    return {**context, "form": form}, status


def _dashboard_context(request) -> tuple[dict, int]:
    """The dashboard page's context: the plan, the date and its sections as HTML, from the
    cache when nothing has been written since (then no query beyond the data version)."""
    form, since, status = _since(request)
    today = timezone.localdate()
    key = _key("page", since.isoformat() if since else "default", today.isoformat())
    cache = caches[CACHE_ALIAS]
    page = cache.get(key)
    if page is None:
        context = _computed(today=today, since=since)
        page = {"plan": context["plan"], "since": context["since"]}
        if page["plan"] is not None:
            for name, templates in SECTIONS.items():
                page[name] = "".join(render_to_string(t, context) for t in templates)
        cache.set(key, page, CACHE_SECONDS)
    # Rendered by our own templates from escaped data.
    sections = {name: mark_safe(page.get(name, "")) for name in SECTIONS}  # noqa: S308
    return {**page, **sections, "form": form}, status


@require_safe
@internal_required
def sig_dashboard(request):
    context, status = _dashboard_context(request)
    return render(request, "staff/dashboard.html", context, status=status)


@require_safe
@internal_required
def meeting_pack(request):
    context, status = _context(request)
    context["printable"] = True
    context["generated"] = timezone.localtime()
    return render(request, "staff/meeting_pack.html", context, status=status)
