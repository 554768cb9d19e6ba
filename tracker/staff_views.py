"""Staff screens that combine several apps: the bulk import, the audit log, missing Welsh."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actions.imports import updates_import
from core.access import editor_required, internal_required
from core.spreadsheet import csv_response, read_table
from measures.forms import ImportForm
from measures.imports import observations_import
from measures.measure_imports import measure_figures_import, measure_statements_import
from tracker.audit import (
    EXPORT_LIMIT,
    AuditFilter,
    audit_count,
    audit_entries,
    audit_header,
    audit_rows,
)
from tracker.forms import AuditFilterForm


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
            run = {
                ImportForm.KIND_UPDATES: updates_import,
                ImportForm.KIND_OBSERVATIONS: observations_import,
                ImportForm.KIND_MEASURE_FIGURES: measure_figures_import,
                ImportForm.KIND_MEASURE_STATEMENTS: measure_statements_import,
            }[form.cleaned_data["kind"]]
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
    """Changes across the tracker, newest first, with who made them; filtered by who, what and
    when, and downloadable as CSV."""
    form = AuditFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "staff/audit.html", {"form": form, "entries": []}, status=400)
    filters = form.filters() if request.GET else AuditFilter()
    if request.GET.get("format") == "csv":
        entries = audit_entries(filters=filters, limit=EXPORT_LIMIT)
        return csv_response("audit-trail.csv", audit_header(), audit_rows(entries))
    entries = audit_entries(filters=filters)
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "staff/audit.html",
        {
            "form": form if request.GET else AuditFilterForm(),
            "entries": entries,
            "total": audit_count(filters=filters),
            "filtered": any(v for k, v in request.GET.items() if k != "format"),
            "download_query": query.urlencode(),
            "export_limit": EXPORT_LIMIT,
        },
    )
