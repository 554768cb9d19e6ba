from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from reports.forms import PublishForm, ReportRequestForm
from reports.models import ReportRun
from reports.services import report_publish, report_request, report_retry
from tracker import roles
from tracker.access import editor_required, internal_required
from tracker.errors import NotAllowed


def _published(pk: int) -> ReportRun:
    run = ReportRun.objects.select_related("report", "report__plan").filter(pk=pk).first()
    if run is None or not run.is_published:
        raise Http404
    return run


def _file(run: ReportRun, name: str) -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    if not name or not path.is_file():
        raise Http404
    return path


@require_safe
def report_list(request):
    runs = (
        ReportRun.objects.filter(published_at__isnull=False)
        .select_related("report", "report__plan")
        .order_by("-report__year", "-version", "language")
    )
    return render(request, "reports/report_list.html", {"runs": runs})


@require_safe
def report_html(request, pk: int):
    run = _published(pk)
    return HttpResponse(_file(run, run.html_file).read_bytes(), content_type="text/html")


@require_safe
def report_pdf(request, pk: int):
    run = _published(pk)
    return _pdf_response(run)


def _pdf_response(run: ReportRun) -> FileResponse:
    path = _file(run, run.pdf_file)
    name = f"annual-progress-report-{run.report.year}-{run.language}-v{run.version or 0}.pdf"
    return FileResponse(path.open("rb"), content_type="application/pdf", filename=name)


@require_http_methods(["GET", "POST"])
@internal_required
def staff_reports(request):
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST":
        if not roles.is_editor(request.user):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            runs = []
            try:
                for language in data["languages"]:
                    run, created = report_request(
                        plan_slug=data["plan"],
                        year=data["year"],
                        as_at=data["as_at"],
                        language=language,
                        user=request.user,
                        introduction_en=data["introduction_en"],
                        introduction_cy=data["introduction_cy"],
                    )
                    runs.append(run)
                    if not created:
                        messages.info(request, _("That report was already being built."))
            except ValidationError as exc:
                form.add_error(None, exc)
            except NotAllowed as exc:
                raise PermissionDenied(str(exc)) from exc
            else:
                return redirect("staff:report-run", pk=runs[0].pk)
    runs = ReportRun.objects.select_related("report", "report__plan", "created_by")[:50]
    return render(
        request,
        "staff/reports.html",
        {"form": form, "runs": runs, "can_build": roles.is_editor(request.user)},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@internal_required
def staff_report_run(request, pk: int):
    run = get_object_or_404(ReportRun.objects.select_related("report", "report__plan"), pk=pk)
    form = PublishForm(request.POST or None)
    if request.method == "POST":
        if not roles.is_editor(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                report_publish(
                    run=run, user=request.user, change_note=form.cleaned_data["change_note"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The report is published."))
                return redirect("staff:report-run", pk=run.pk)
    return render(
        request,
        "staff/report_run.html",
        {"run": run, "form": form, "can_build": roles.is_editor(request.user)},
        status=400 if form.errors else 200,
    )


@require_POST
@editor_required
def staff_report_retry(request, pk: int):
    run = get_object_or_404(ReportRun, pk=pk)
    try:
        report_retry(run=run, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("staff:report-run", pk=run.pk)


@require_safe
@internal_required
def staff_report_pdf(request, pk: int):
    run = get_object_or_404(ReportRun.objects.select_related("report"), pk=pk)
    return _pdf_response(run)
