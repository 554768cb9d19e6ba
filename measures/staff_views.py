from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from measures.forms import ObservationForm
from measures.models import Indicator, Observation
from measures.services import observation_change, observation_record
from tracker.access import editor_required
from tracker.errors import EditConflict, NotAllowed


@require_http_methods(["GET", "POST"])
@editor_required
def observation_create(request, pk: int):
    try:
        indicator = Indicator.objects.select_related("theme").get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc
    form = ObservationForm(request.POST or None, initial={"status": "provisional"})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "base_version"}
        try:
            observation_record(indicator=indicator, user=request.user, data=data)
        except ValidationError as exc:
            form.add_error(None, exc)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        else:
            messages.success(request, _("Value recorded."))
            return redirect(indicator.get_absolute_url())
    return render(
        request,
        "staff/observation_form.html",
        {"indicator": indicator, "form": form, "observation": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@editor_required
def observation_edit(request, pk: int):
    try:
        observation = Observation.objects.select_related("indicator", "indicator__theme").get(pk=pk)
    except Observation.DoesNotExist as exc:
        raise Http404 from exc
    if observation.is_baseline:
        raise PermissionDenied(_("Baselines come from the plan and are changed in the admin."))
    conflict = None
    if request.method == "POST":
        form = ObservationForm(request.POST, instance=Observation.objects.get(pk=pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "base_version"}
            try:
                observation_change(
                    observation=observation,
                    user=request.user,
                    data=data,
                    base_version=form.cleaned_data.get("base_version") or 0,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except EditConflict as exc:
                conflict = exc
                form.data = form.data.copy()
                form.data["base_version"] = exc.current.version
            except NotAllowed as exc:
                raise PermissionDenied(str(exc)) from exc
            else:
                messages.success(request, _("Value changed."))
                return redirect(observation.indicator.get_absolute_url())
    else:
        form = ObservationForm(instance=observation, initial={"base_version": observation.version})
    return render(
        request,
        "staff/observation_form.html",
        {
            "indicator": observation.indicator,
            "form": form,
            "observation": observation,
            "conflict": conflict,
        },
        status=409 if conflict else (400 if form.errors else 200),
    )
