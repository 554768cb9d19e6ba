from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import editor_required
from core.service_errors import service_errors
from measures.forms import IndicatorDefinitionForm, ObservationForm
from measures.models import Indicator, Observation
from measures.selectors import indicator_breakdowns, observation_clash
from measures.services import (
    indicator_definition_change,
    observation_change,
    observation_record,
)


def _link_duplicate(exc: ValidationError, *, indicator: Indicator, data: dict, pk: int | None):
    """Turn "there is already a value" into a link to that value's edit page."""
    for error in getattr(exc, "error_dict", {}).get("period", []):
        if error.code != "duplicate":
            continue
        clash = observation_clash(
            indicator=indicator,
            period=data.get("period", ""),
            breakdown=data.get("breakdown") or "",
            exclude_pk=pk,
        )
        if clash is not None and not clash.is_baseline:
            error.message = format_html(
                '{} <a href="{}">{}</a>',
                error.message,
                reverse("staff:observation-edit", args=[clash.pk]),
                _("Change the value for %(period)s") % {"period": clash.period},
            )


def _data(form: ObservationForm) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "base_version"}


def _saved(request, observation: Observation, message: str):
    messages.success(request, message % {"period": observation.period, "value": observation.value})
    return redirect(observation.indicator.get_absolute_url() + "#values")


def _render(request, form, indicator, observation=None, conflict=None):
    status = 409 if conflict else (400 if form.errors else 200)
    context = {
        "indicator": indicator,
        "form": form,
        "observation": observation,
        "conflict": conflict,
        "breakdowns": indicator_breakdowns(indicator=indicator),
    }
    return render(request, "staff/observation_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@editor_required
def observation_create(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("theme"), pk=pk)
    form = ObservationForm(
        request.POST if request.method == "POST" else None,
        indicator=indicator,
        initial={"status": "provisional"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def explain(exc):
            _link_duplicate(exc, indicator=indicator, data=data, pk=None)

        with service_errors(form, explain=explain):
            observation = observation_record(
                indicator=indicator, user=request.user, data=_data(form)
            )
            return _saved(request, observation, _("Value for %(period)s recorded: %(value)s."))
    return _render(request, form, indicator)


@require_http_methods(["GET", "POST"])
@editor_required
def observation_edit(request, pk: int):
    observation = get_object_or_404(
        Observation.objects.select_related("indicator", "indicator__theme"), pk=pk
    )
    if observation.is_baseline:
        raise PermissionDenied(_("Baselines come from the plan and are changed in the admin."))
    indicator = observation.indicator
    conflict = None
    if request.method == "POST":
        form = ObservationForm(
            request.POST, indicator=indicator, instance=Observation.objects.get(pk=pk)
        )
        if form.is_valid():
            data = form.cleaned_data

            def explain(exc):
                _link_duplicate(exc, indicator=indicator, data=data, pk=pk)

            with service_errors(form, explain=explain) as outcome:
                observation = observation_change(
                    observation=observation,
                    user=request.user,
                    data=_data(form),
                    base_version=form.cleaned_data["base_version"],
                )
                return _saved(request, observation, _("Value for %(period)s changed: %(value)s."))
            if conflict := outcome.conflict:
                form.data = form.data.copy()
                form.data["base_version"] = conflict.current.version
    else:
        form = ObservationForm(
            instance=observation, indicator=indicator, initial={"base_version": observation.version}
        )
    return _render(request, form, indicator, observation=observation, conflict=conflict)


@require_http_methods(["GET", "POST"])
@editor_required
def indicator_definition_edit(request, pk: int):
    """An indicator's definition, method, caveats and source, in both languages."""
    indicator = get_object_or_404(Indicator.objects.select_related("theme", "plan"), pk=pk)
    conflict = None
    if request.method == "POST":
        form = IndicatorDefinitionForm(request.POST, instance=Indicator.objects.get(pk=pk))
        if form.is_valid():
            with service_errors(form) as outcome:
                indicator_definition_change(
                    indicator=indicator,
                    user=request.user,
                    data={k: v for k, v in form.cleaned_data.items() if k != "base_version"},
                    base_version=form.cleaned_data["base_version"],
                )
                messages.success(request, _("The definition and source were saved."))
                return redirect(indicator.get_absolute_url() + "#about")
            if conflict := outcome.conflict:
                form.data = form.data.copy()
                form.data["base_version"] = conflict.current.version
    else:
        form = IndicatorDefinitionForm(
            instance=indicator, initial={"base_version": indicator.version}
        )
    status = 409 if conflict else (400 if form.errors else 200)
    return render(
        request,
        "measures/indicator_definition_form.html",
        {"indicator": indicator, "form": form, "conflict": conflict},
        status=status,
    )
