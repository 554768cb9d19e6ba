"""Staff pages for the group's meetings and decisions. Thin: reads in selectors.py, writes in
services.py, who may do what in core/roles.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actions.selectors import plan_current
from core import roles
from core.access import internal_required, staff_required
from core.service_errors import service_errors
from sig import selectors, services
from sig.forms import DecisionForm, DropForm, MeetingForm, MinutesForm, VersionForm
from sig.models import MeetingPack
from sig.pack import pack_pdf_open


def _meeting(pk: int):
    return get_object_or_404(selectors.meeting_details(), pk=pk)


@require_http_methods(["GET", "POST"])
@internal_required
def meeting_list(request):
    can_hold = roles.can_hold_meetings(request.user)
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_hold:
            raise PermissionDenied
        if form.is_valid():
            with service_errors(form):
                meeting = services.meeting_create(user=request.user, **form.cleaned_data)
                messages.success(request, _("Meeting added."))
                return redirect(meeting)
    return render(
        request,
        "sig/meeting_list.html",
        {"meetings": selectors.meeting_list(), "form": form if can_hold else None},
        status=400 if form.errors else 200,
    )


def _meeting_page(request, meeting, *, minutes_form=None, conflict=None, status=200):
    user = request.user
    is_editor = roles.is_editor(user)
    if minutes_form is None and is_editor and not meeting.minutes_approved:
        minutes_form = MinutesForm(
            initial={
                "base_version": meeting.version,
                "minutes_en": meeting.minutes_en,
                "minutes_cy": meeting.minutes_cy,
            }
        )
    return render(
        request,
        "sig/meeting_detail.html",
        {
            "meeting": meeting,
            "packs": {pack.language: pack for pack in meeting.packs.all()},
            "can_hold": roles.can_hold_meetings(user),
            "is_editor": is_editor,
            "is_chair": user.pk == meeting.chair_id,
            "minutes_form": minutes_form,
            "conflict": conflict,
        },
        status=status,
    )


@require_safe
@internal_required
def meeting_detail(request, pk: int):
    return _meeting_page(request, _meeting(pk))


def _meeting_step(request, pk: int, step, done_message: str):
    """A button on the meeting's page: open it, approve or publish the minutes."""
    meeting = _meeting(pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            step(meeting=meeting, user=request.user, base_version=form.cleaned_data["base_version"])
            messages.success(request, done_message)
            return redirect(meeting)
        if outcome.conflict:
            return _meeting_page(request, _meeting(pk), conflict=outcome.conflict, status=409)
    for error in form.non_field_errors() or [_("The page was out of date. Try again.")]:
        messages.error(request, error)
    return redirect(meeting)


@require_POST
@internal_required
def meeting_open(request, pk: int):
    return _meeting_step(
        request, pk, services.meeting_open, _("The meeting is open and its pack is frozen.")
    )


@require_POST
@internal_required
def minutes_approve(request, pk: int):
    return _meeting_step(request, pk, services.minutes_approve, _("Minutes approved."))


@require_POST
@internal_required
def minutes_publish(request, pk: int):
    return _meeting_step(request, pk, services.minutes_publish, _("Minutes published."))


@require_POST
@internal_required
def minutes_edit(request, pk: int):
    meeting = _meeting(pk)
    if not roles.is_editor(request.user):
        raise PermissionDenied
    form = MinutesForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.minutes_save(meeting=meeting, user=request.user, **form.cleaned_data)
            messages.success(request, _("Minutes saved."))
            return redirect(meeting)
        if outcome.conflict:
            return _meeting_page(request, _meeting(pk), conflict=outcome.conflict, status=409)
    return _meeting_page(request, meeting, minutes_form=form, status=400)


def _pack(pk: int, language: str) -> MeetingPack:
    return get_object_or_404(
        MeetingPack.objects.select_related("meeting"), meeting_id=pk, language=language
    )


@require_safe
@internal_required
def meeting_pack(request, pk: int):
    """The pack as frozen when the meeting opened, in this page's language."""
    pack = _pack(pk, (get_language() or "en")[:2])
    # The HTML was rendered by our own template, escaping every text it shows.
    return render(
        request,
        "sig/pack_page.html",
        {"pack": pack, "body": mark_safe(pack.html)},  # noqa: S308
    )


@require_safe
@internal_required
def meeting_pack_pdf(request, pk: int, language: str):
    pack = _pack(pk, language)
    handle = pack_pdf_open(pack)
    if handle is None:
        raise Http404
    name = f"meeting-pack-{pack.meeting.held_on.isoformat()}-{pack.language}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=name)


@require_http_methods(["GET", "POST"])
@internal_required
def decision_create(request, pk: int):
    meeting = _meeting(pk)
    if not roles.can_hold_meetings(request.user):
        raise PermissionDenied
    if not meeting.is_open:
        messages.error(request, _("Open the meeting before recording its decisions."))
        return redirect(meeting)
    form = DecisionForm(request.POST or None, plan=plan_current())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        links = {
            "actions": data.pop("action_numbers"),
            "themes": list(data.pop("themes")),
            "indicators": list(data.pop("indicators")),
        }
        with service_errors(form):
            services.decision_record(meeting=meeting, user=request.user, data=data, **links)
            messages.success(request, _("Decision recorded. The organisation has been told."))
            return redirect(meeting)
    return render(
        request,
        "sig/decision_form.html",
        {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


def _decision_page(request, decision, *, drop_form=None, conflict=None, status=200):
    user = request.user
    can_drop = roles.can_hold_meetings(user) and decision.is_open
    if drop_form is None and can_drop:
        drop_form = DropForm(initial={"base_version": decision.version})
    return render(
        request,
        "sig/decision_detail.html",
        {
            "decision": decision,
            "decision_list": [decision],
            "can_mark_done": decision.is_open and roles.can_close_decision(user, decision),
            "drop_form": drop_form if can_drop else None,
            "can_see_meeting": roles.can_view_internal(user),
            "conflict": conflict,
        },
        status=status,
    )


def _decision_for(request, pk: int):
    """The decision, if this person may read it; 404 otherwise (as if it did not exist)."""
    return get_object_or_404(
        selectors.decision_details().filter(
            pk__in=selectors.decisions_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )


@require_safe
@staff_required
def decision_detail(request, pk: int):
    return _decision_page(request, _decision_for(request, pk))


@require_POST
@staff_required
def decision_done(request, pk: int):
    decision = _decision_for(request, pk)
    if not roles.can_close_decision(request.user, decision):
        raise PermissionDenied
    form = VersionForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.decision_mark_done(
                decision=decision, user=request.user, base_version=form.cleaned_data["base_version"]
            )
            messages.success(request, _("Decision marked done."))
            return redirect("staff:my-actions")
        if outcome.conflict:
            return _decision_page(request, decision, conflict=outcome.conflict, status=409)
    for error in form.non_field_errors() or [_("The page was out of date. Try again.")]:
        messages.error(request, error)
    return redirect(decision)


@require_POST
@internal_required
def decision_drop(request, pk: int):
    decision = _decision_for(request, pk)
    if not roles.can_hold_meetings(request.user):
        raise PermissionDenied
    form = DropForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.decision_drop(
                decision=decision,
                user=request.user,
                reason=form.cleaned_data["drop_reason"],
                base_version=form.cleaned_data["base_version"],
            )
            messages.success(request, _("Decision dropped."))
            return redirect(decision)
        if outcome.conflict:
            return _decision_page(request, decision, conflict=outcome.conflict, status=409)
    return _decision_page(request, decision, drop_form=form, status=400)
