from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actions import staff_selectors
from actions.forms import ProgressUpdateForm, ReviewForm
from actions.models import Action, ProgressUpdate, ReviewDecision, ReviewState
from actions.selectors import action_organisations
from actions.services import update_approve, update_return, update_state, update_submit
from core import roles
from core.access import editor_required, staff_required
from core.service_errors import service_errors


def my_actions_context(request) -> dict:
    """What "Your actions" shows; tracker/composed_views.py adds what higher floors know."""
    actions = staff_selectors.my_action_rows(request.user)
    updatable = staff_selectors.actions_user_may_update(request.user)
    context = {
        "actions": actions,
        "can_update_any": any(action.may_update for action in actions),
        "waiting": [a for a in actions if a.open_submission and not a.submission_returned],
        # Grouped by plan on the page, the newest plan (the one in force) first.
        "due": list(
            staff_selectors.actions_due(updatable.select_related("plan")).order_by(
                "-plan__start_year", "plan__slug", "number"
            )
        ),
        "returned": staff_selectors.updates_returned_to(request.user),
        "awaiting_review": (
            staff_selectors.updates_awaiting_review() if roles.is_editor(request.user) else None
        ),
        "can_view_internal": roles.can_view_internal(request.user),
        "is_owner_without_organisation": roles.is_action_owner(request.user)
        and roles.owner_organisation_id(request.user) is None,
    }
    return context


def _action_or_404(plan: str, number: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("plan", "theme", "period"), plan__slug=plan, number=number
    )


@require_http_methods(["GET", "POST"])
@staff_required
def update_create(request, plan: str, number: int):
    action = _action_or_404(plan, number)
    if not roles.can_submit_update(request.user, action):
        raise PermissionDenied(
            _("You can only update actions your organisation leads or supports.")
        )
    resubmission_of = None
    if "resubmit" in request.GET:
        # Only a whole number can name an update; anything else names none (404, not 500).
        resubmit = request.GET.get("resubmit", "")
        resubmission_of = get_object_or_404(
            ProgressUpdate,
            pk=int(resubmit) if resubmit.isdecimal() and len(resubmit) < 19 else 0,
            action=action,
        )
        if resubmission_of.submitted_by_id != request.user.pk and not roles.is_editor(request.user):
            raise PermissionDenied
    can_approve = roles.is_editor(request.user)
    # A jointly owned action asks whose part the update reports (actions/forms.py).
    joint = {
        "organisations": action_organisations(action),
        "own_organisation_id": roles.owner_organisation_id(request.user),
    }
    conflict = None
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, can_approve=can_approve, **joint)
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form) as outcome:
                update = update_submit(
                    action=action,
                    user=request.user,
                    data=data,
                    base_version=data["base_version"],
                    resubmission_of=resubmission_of,
                    approve=bool(data.get("approve")),
                )
                if update_state(update) == ReviewState.APPROVED:
                    messages.success(request, _("Update approved and published."))
                else:
                    messages.success(request, _("Update sent for review."))
                return redirect("staff:my-actions")
            if conflict := outcome.conflict:
                # Show the form again at the action's new version, so saving once more is
                # a deliberate choice after reading the other person's update.
                form.data = form.data.copy()
                action.refresh_from_db()
                form.data["base_version"] = action.version
    else:
        initial = {"base_version": action.version, "status": action.status}
        if resubmission_of is not None:
            initial.update(
                {
                    name: getattr(resubmission_of, name)
                    for name in ProgressUpdateForm.Meta.fields
                    if name != "quarter"
                }
            )
            initial["quarter"] = resubmission_of.quarter
        if initial["status"] == "no_update":
            del initial["status"]
        form = ProgressUpdateForm(initial=initial, can_approve=can_approve, **joint)
    return render(
        request,
        "staff/update_form.html",
        {
            "action": action,
            "can_approve": can_approve,
            "form": form,
            "conflict": conflict,
            "resubmission_of": resubmission_of,
            "history": staff_selectors.update_history(action, include_unapproved=True)[:5],
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


def _update_or_404(pk: int) -> ProgressUpdate:
    return get_object_or_404(
        ProgressUpdate.objects.select_related(
            "action",
            "action__plan",
            "action__theme",
            "action__period",
            "submitted_by__membership__organisation",
            "reports_for",
            "resubmission_of__review__reviewed_by",
        ),
        pk=pk,
    )


def _can_see_update(user, update: ProgressUpdate) -> bool:
    return roles.can_view_internal(user) or update.submitted_by_id == user.pk


@require_http_methods(["GET", "POST"])
@staff_required
def update_detail(request, pk: int):
    update = _update_or_404(pk)
    if not _can_see_update(request.user, update):
        raise PermissionDenied
    state = update_state(update)
    can_review = roles.is_editor(request.user) and state == ReviewState.SUBMITTED
    form = ReviewForm(request.POST if request.method == "POST" else None) if can_review else None
    conflict = None
    if request.method == "POST":
        if not can_review:
            if not roles.is_editor(request.user):
                raise PermissionDenied
            messages.error(request, _("This update has already been decided."))
            return redirect(update.get_absolute_url())
        if form.is_valid():
            with service_errors(form) as outcome:
                if form.cleaned_data["decision"] == ReviewDecision.APPROVE:
                    update_approve(update=update, user=request.user)
                    messages.success(request, _("Update approved and published."))
                else:
                    update_return(
                        update=update, user=request.user, comment=form.cleaned_data["comment"]
                    )
                    messages.success(request, _("Update returned to its owner."))
                return redirect("staff:review-queue")
            conflict = outcome.conflict
    return render(
        request,
        "staff/update_detail.html",
        {
            "update": update,
            "state": state,
            "form": form,
            "conflict": conflict,
            "organisation": getattr(
                getattr(update.submitted_by, "membership", None), "organisation", None
            ),
            "change": staff_selectors.update_before_after(update),
            "changes": staff_selectors.resubmission_changes(update),
        },
        status=409 if conflict else (400 if form is not None and form.errors else 200),
    )


@require_safe
@editor_required
def review_queue(request):
    return render(
        request,
        "staff/review_queue.html",
        {"updates": staff_selectors.updates_awaiting_review()},
    )
