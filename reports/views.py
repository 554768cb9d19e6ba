import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db.models import Case, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import roles
from core.access import editor_required, internal_required
from core.files import file_open
from core.service_errors import service_errors
from reports.forms import PublishForm, ReportRequestForm
from reports.models import ReportRun
from reports.publishing import report_publish_editions
from reports.selectors import (
    english_fallback_count,
    report_edition_partner,
    report_published_edition,
)
from reports.services import report_request, report_retry


def _published(pk: int) -> ReportRun:
    return get_object_or_404(
        ReportRun.objects.select_related("report", "report__plan"),
        pk=pk,
        published_at__isnull=False,
    )


def _file(name: str) -> File:
    """A run's stored file, open for reading (through the file storage, core.files)."""
    handle = file_open(name)
    if handle is None:
        raise Http404
    return handle


def _html_response(run: ReportRun) -> HttpResponse:
    with _file(run.html_file) as handle:
        return HttpResponse(handle.read(), content_type="text/html")


@require_safe
def report_list(request):
    language = (get_language() or "en")[:2]
    runs = (
        ReportRun.objects.filter(published_at__isnull=False)
        .select_related("report", "report__plan")
        # The reader's own language first, then the other; newest first within each.
        .order_by(
            Case(When(language=language, then=0), default=1),
            "-report__year",
            "-as_at",
            "-version",
        )
    )
    return render(request, "reports/report_list.html", {"runs": runs})


@require_safe
def report_edition(request, report_pk: int):
    """The report's edition in this page's language: the web edition's language link comes
    here, since that edition is written before the other one is published."""
    try:
        as_at = datetime.date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError:
        as_at = None
    run = report_published_edition(
        report_id=report_pk, language=(get_language() or "en")[:2], as_at=as_at
    )
    if run is None:
        return redirect("reports:list")
    return redirect("reports:html", pk=run.pk)


@require_safe
def report_html(request, pk: int):
    return _html_response(_published(pk))


@require_safe
def report_pdf(request, pk: int):
    run = _published(pk)
    return _pdf_response(run)


def _pdf_response(run: ReportRun) -> FileResponse:
    name = f"annual-progress-report-{run.report.year}-{run.language}-v{run.version or 0}.pdf"
    # FileResponse streams the storage's file and closes it when the response is done.
    return FileResponse(_file(run.pdf_file), content_type="application/pdf", filename=name)


@require_http_methods(["GET", "POST"])
@internal_required
def staff_reports(request):
    form = ReportRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not roles.is_editor(request.user):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            runs = []
            with service_errors(form):
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
                if any(getattr(run, "send_failed", False) for run in runs):
                    messages.warning(
                        request,
                        _(
                            "The build service cannot be reached just now. Your report is "
                            "saved in the queue and will start building as soon as it is back; "
                            "you do not need to ask again."
                        ),
                    )
                return redirect("staff:report-run", pk=runs[0].pk)
    runs = ReportRun.objects.select_related("report", "report__plan", "created_by")[:50]
    return render(
        request,
        "staff/reports.html",
        {"form": form, "runs": runs, "can_build": roles.is_editor(request.user)},
        status=400 if form.errors else 200,
    )


@require_safe
@internal_required
def staff_report_run(request, pk: int):
    run = get_object_or_404(ReportRun.objects.select_related("report", "report__plan"), pk=pk)
    return render(
        request,
        "staff/report_run.html",
        {
            "run": run,
            "partner": report_edition_partner(run=run) if run.is_publishable else None,
            "can_build": roles.is_editor(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@editor_required
def staff_report_publish(request, pk: int):
    """Preview both editions, then confirm: publishing cannot be undone."""
    run = get_object_or_404(ReportRun.objects.select_related("report", "report__plan"), pk=pk)
    if not run.is_publishable:
        return redirect("staff:report-run", pk=run.pk)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            confirmed = report_publish_editions(
                run=run, user=request.user, change_note=form.cleaned_data["change_note"]
            )
            _say_publishing(request, confirmed)
            return redirect("staff:report-run", pk=run.pk)
    editions = [run]
    if partner := report_edition_partner(run=run):
        editions.append(partner)
    missing = [
        name for code, name in settings.LANGUAGES if code not in {e.language for e in editions}
    ]
    return render(
        request,
        "staff/report_publish.html",
        {
            "run": run,
            "editions": editions,
            "missing": missing,
            "form": form,
            # Passages of the Welsh edition still in English: a warning, never a block.
            "english_fallback": sum(english_fallback_count(run=e) for e in editions),
        },
        status=400 if form.errors else 200,
    )


def _say_publishing(request, confirmed: list[ReportRun]) -> None:
    # The final editions are made by a job (reports.publishing): published already when the
    # job ran at once, else the run's page says when they are public.
    if getattr(confirmed[0], "send_failed", False):
        messages.warning(
            request,
            _(
                "The build service cannot be reached just now. Publishing is saved and will "
                "go ahead as soon as it is back; you do not need to publish again."
            ),
        )
        return
    count = len(confirmed)
    waiting = ReportRun.objects.filter(pk__in=[r.pk for r in confirmed], published_at=None)
    if not waiting.exists():
        text = ngettext("The edition is published.", "Both editions are published.", count)
    else:
        text = ngettext(
            "The final edition is being made with its publication date and version. "
            "This page shows when it is public.",
            "The final editions are being made with their publication date and version. "
            "This page shows when they are public.",
            count,
        )
    messages.success(request, text)


@require_POST
@editor_required
def staff_report_retry(request, pk: int):
    run = get_object_or_404(ReportRun, pk=pk)
    try:
        run = report_retry(run=run, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if getattr(run, "send_failed", False):
            messages.warning(
                request,
                _(
                    "The build service cannot be reached just now. Your report is "
                    "saved in the queue and will start building as soon as it is back; "
                    "you do not need to ask again."
                ),
            )
    return redirect("staff:report-run", pk=run.pk)


@require_safe
@internal_required
def staff_report_html(request, pk: int):
    """A built web edition, published or not, for checking before publishing."""
    return _html_response(get_object_or_404(ReportRun, pk=pk))


@require_safe
@internal_required
def staff_report_pdf(request, pk: int):
    run = get_object_or_404(ReportRun.objects.select_related("report"), pk=pk)
    return _pdf_response(run)
