"""Staff pages for progress measures: the list, one measure, and recording figures and
statements. Editors only, as for indicator values; the services check the role again."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actions.selectors import plan_current
from core.access import editor_required
from core.service_errors import service_errors
from measures.measure_forms import MeasureFigureForm, MeasureStatementForm
from measures.measure_selectors import measure_detail, measure_list, measure_summaries
from measures.measure_services import (
    measure_figure_change,
    measure_figure_record,
    measure_statement_change,
    measure_statement_record,
)
from measures.models import MeasureFigure, MeasureKind, MeasureStatement, ProgressMeasure

# What differs between a figure and a statement; the views below are the same for both.
_KINDS = {
    MeasureKind.FIGURE: {
        "form": MeasureFigureForm,
        "model": MeasureFigure,
        "record": measure_figure_record,
        "change": measure_figure_change,
        "instance_arg": "figure",
        "create_url": "staff:measure-figure-create",
    },
    MeasureKind.STATEMENT: {
        "form": MeasureStatementForm,
        "model": MeasureStatement,
        "record": measure_statement_record,
        "change": measure_statement_change,
        "instance_arg": "statement",
        "create_url": "staff:measure-statement-create",
    },
}


def measure_url(measure: ProgressMeasure) -> str:
    return reverse("staff:measure-detail", args=[measure.pk])


@require_safe
@editor_required
def measure_index(request):
    """The plan in force's measures, theme by theme, each with what was last recorded."""
    plan = plan_current()
    measures = list(measure_list(plan=plan)) if plan else []
    summaries = measure_summaries(
        measures=measures,
        figures=MeasureFigure.objects.filter(measure__in=measures),
        statements=MeasureStatement.objects.filter(measure__in=measures),
    )
    return render(request, "measures/measure_list.html", {"plan": plan, "summaries": summaries})


@require_safe
@editor_required
def measure_page(request, pk: int):
    measure = get_object_or_404(measure_detail(pk=pk))
    (summary,) = measure_summaries(
        measures=[measure], figures=measure.figures.all(), statements=measure.statements.all()
    )
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "summary": summary,
            "create_url": reverse(_KINDS[measure.kind]["create_url"], args=[measure.pk]),
        },
    )


def _entry_form(request, *, measure: ProgressMeasure, kind: str, instance=None):
    """Record (no instance) or change an entry of a measure, with the conflict and errors
    shown as on the indicator value form."""
    spec = _KINDS[kind]
    if measure.kind != kind:
        raise Http404(_("This measure does not take this kind of entry."))
    conflict = None
    form = spec["form"](
        request.POST if request.method == "POST" else None,
        instance=spec["model"].objects.get(pk=instance.pk) if instance else None,
        measure=measure,
        initial={"base_version": instance.version}
        if instance
        else ({"status": "provisional"} if kind == MeasureKind.FIGURE else {}),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "base_version"}
        with service_errors(form) as outcome:
            if instance is None:
                spec["record"](measure=measure, user=request.user, data=data)
                messages.success(request, _("Saved. It shows on the theme page now."))
            else:
                spec["change"](
                    **{spec["instance_arg"]: instance},
                    user=request.user,
                    data=data,
                    base_version=form.cleaned_data.get("base_version") or 0,
                )
                messages.success(request, _("Your changes are saved."))
            return redirect(measure_url(measure))
        if conflict := outcome.conflict:
            form.data = form.data.copy()
            form.data["base_version"] = conflict.current.version
    status = 409 if conflict else (400 if form.errors else 200)
    context = {"measure": measure, "form": form, "entry": instance, "conflict": conflict}
    return render(request, "measures/measure_entry_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@editor_required
def figure_create(request, pk: int):
    measure = get_object_or_404(measure_detail(pk=pk))
    return _entry_form(request, measure=measure, kind=MeasureKind.FIGURE)


@require_http_methods(["GET", "POST"])
@editor_required
def figure_edit(request, pk: int):
    figure = get_object_or_404(MeasureFigure.objects.select_related("measure__line"), pk=pk)
    measure = get_object_or_404(measure_detail(pk=figure.measure_id))
    return _entry_form(request, measure=measure, kind=MeasureKind.FIGURE, instance=figure)


@require_http_methods(["GET", "POST"])
@editor_required
def statement_create(request, pk: int):
    measure = get_object_or_404(measure_detail(pk=pk))
    return _entry_form(request, measure=measure, kind=MeasureKind.STATEMENT)


@require_http_methods(["GET", "POST"])
@editor_required
def statement_edit(request, pk: int):
    statement = get_object_or_404(MeasureStatement, pk=pk)
    measure = get_object_or_404(measure_detail(pk=statement.measure_id))
    return _entry_form(request, measure=measure, kind=MeasureKind.STATEMENT, instance=statement)
