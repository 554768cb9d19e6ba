from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from actions.selectors import plan_current
from core.access import internal_required
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


def _context(request) -> tuple[dict, int]:
    plan = plan_current()
    form = SinceForm(request.GET or None)
    # "Changed since the last meeting": the previous meeting's date, else 90 days back.
    default_since = selectors.changes_since_default()
    since = default_since
    status = 200
    if request.GET:
        if form.is_valid():
            since = form.cleaned_data["since"] or default_since
        else:
            status = 400
    context = {"plan": plan, "form": form, "since": since}
    if plan is not None:
        table = dashboard.theme_status_table(plan=plan)
        exceptions = dashboard.exceptions(plan=plan)
        exceptions.overdue_decisions = list(selectors.decisions_overdue())
        context.update(
            table=table,
            headline=dashboard.headline(table=table, overdue=exceptions.overdue),
            exceptions=exceptions,
            changes=dashboard.changes_since(plan=plan, since=since),
            risks=selectors.risks_for_dashboard(),
            other_plans=dashboard.other_plans_in_delivery(current=plan),
        )
    return context, status


@require_safe
@internal_required
def sig_dashboard(request):
    context, status = _context(request)
    return render(request, "staff/dashboard.html", context, status=status)


@require_safe
@internal_required
def meeting_pack(request):
    context, status = _context(request)
    context["printable"] = True
    context["generated"] = timezone.localtime()
    return render(request, "staff/meeting_pack.html", context, status=status)
