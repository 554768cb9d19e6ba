from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from measures.forms import ObservationForm
from measures.models import Indicator, Observation
from measures.selectors import indicator_breakdowns, observation_clash
from measures.services import observation_change, observation_record
from tracker.access import editor_required
from tracker.errors import EditConflict, NotAllowed


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
    try:
        indicator = Indicator.objects.select_related("theme").get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc
    form = ObservationForm(
        request.POST if request.method == "POST" else None,
        indicator=indicator,
        initial={"status": "provisional"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            observation = observation_record(
                indicator=indicator, user=request.user, data=_data(form)
            )
        except ValidationError as exc:
            _link_duplicate(exc, indicator=indicator, data=form.cleaned_data, pk=None)
            form.add_error(None, exc)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        else:
            return _saved(request, observation, _("Value for %(period)s recorded: %(value)s."))
    return _render(request, form, indicator)


@require_http_methods(["GET", "POST"])
@editor_required
def observation_edit(request, pk: int):
    try:
        observation = Observation.objects.select_related("indicator", "indicator__theme").get(pk=pk)
    except Observation.DoesNotExist as exc:
        raise Http404 from exc
    if observation.is_baseline:
        raise PermissionDenied(_("Baselines come from the plan and are changed in the admin."))
    indicator = observation.indicator
    conflict = None
    if request.method == "POST":
        form = ObservationForm(
            request.POST, indicator=indicator, instance=Observation.objects.get(pk=pk)
        )
        if form.is_valid():
            try:
                observation = observation_change(
                    observation=observation,
                    user=request.user,
                    data=_data(form),
                    base_version=form.cleaned_data.get("base_version") or 0,
                )
            except ValidationError as exc:
                _link_duplicate(exc, indicator=indicator, data=form.cleaned_data, pk=pk)
                form.add_error(None, exc)
            except EditConflict as exc:
                conflict = exc
                form.data = form.data.copy()
                form.data["base_version"] = exc.current.version
            except NotAllowed as exc:
                raise PermissionDenied(str(exc)) from exc
            else:
                return _saved(request, observation, _("Value for %(period)s changed: %(value)s."))
    else:
        form = ObservationForm(
            instance=observation, indicator=indicator, initial={"base_version": observation.version}
        )
    return _render(request, form, indicator, observation=observation, conflict=conflict)
