"""Staff screens that combine several apps: the bulk import, the audit log, missing Welsh."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actions.imports import updates_import
from actions.models import Action, ActionSubPoint, MeasurementLine, ProgressUpdate
from core.access import editor_required, internal_required
from core.spreadsheet import read_table
from measures.forms import ImportForm
from measures.imports import observations_import
from measures.models import Indicator
from themes.models import Theme
from tracker.audit import audit_entries


@require_http_methods(["GET", "POST"])
@editor_required
def bulk_import(request):
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            dataset = read_table(form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            run = (
                updates_import
                if form.cleaned_data["kind"] == ImportForm.KIND_UPDATES
                else observations_import
            )
            report = run(dataset=dataset, user=request.user)
            if report.ok:
                messages.success(
                    request,
                    _("All {count} rows were applied.").format(count=report.applied),
                )
                return redirect("staff:import")
    status = 400 if (form.errors or (report and not report.ok)) else 200
    return render(request, "staff/import.html", {"form": form, "report": report}, status=status)


@require_safe
@internal_required
def audit_log(request):
    """The latest changes across the tracker, newest first, with who made them."""
    return render(request, "staff/audit.html", {"entries": audit_entries()})


@require_safe
@internal_required
def missing_welsh(request):
    """Content whose Welsh text is still empty, so staff can see what to translate."""

    def missing(queryset, fields, label):
        empty = Q()
        for field in fields:
            empty |= Q(**{f"{field}_en__gt": ""}) & (
                Q(**{f"{field}_cy__isnull": True}) | Q(**{f"{field}_cy": ""})
            )
        missing_rows = queryset.filter(empty)
        return {
            "label": label,
            "count": missing_rows.count(),
            "rows": list(missing_rows[:200]),
            "model": queryset.model._meta,
        }

    approved = ProgressUpdate.objects.approved()
    groups = [
        missing(Theme.objects.all(), ["title", "ambition", "progress_intro"], _("Themes")),
        missing(Action.objects.all(), ["text"], _("Actions")),
        missing(ActionSubPoint.objects.all(), ["text"], _("Sub-points of actions")),
        missing(Indicator.objects.all(), ["statement", "baseline_text"], _("Indicators")),
        missing(MeasurementLine.objects.all(), ["text"], _("How we'll measure progress")),
        missing(approved.select_related("action"), ["summary"], _("Approved progress summaries")),
    ]
    return render(request, "staff/missing_welsh.html", {"groups": groups})
