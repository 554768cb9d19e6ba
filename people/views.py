"""The People pages (Administrators and Editors) and the page an invitation's link opens.

Thin: reads in selectors.py, writes and their permission checks in services.py, who may
manage whom in rules.py (used here only to show what the person may do).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import roles
from core.access import role_required
from core.pagination import PageNotFound, page_links, page_url, paginate
from core.service_errors import service_errors
from people import rules, selectors, services
from people.forms import (
    AcceptForm,
    BaseForm,
    ConfirmForm,
    InvitationForm,
    PeopleFilterForm,
    PersonForm,
)
from people.models import Invitation

PAGE_SIZE = 50

manager_required = role_required(rules.can_manage_people)


def _row(person, actor) -> dict:
    names = rules.person_roles(person)
    membership = getattr(person, "membership", None)
    return {
        "person": person,
        "roles": [roles.ROLE_LABELS[name] for name in rules.ROLE_ORDER if name in names],
        "organisation": membership.organisation if membership else None,
        "may_manage": rules.can_manage_person(actor, person),
    }


@require_safe
@manager_required
def people_index(request):
    form = PeopleFilterForm(request.GET)
    page = page_error = None
    if form.is_valid():
        try:
            page = paginate(
                selectors.people_list(filters=form.filters()),
                params=request.GET,
                per_page=PAGE_SIZE,
            )
        except PageNotFound as exc:
            page_error = str(exc)
    return render(
        request,
        "people/people_list.html",
        {
            "form": form,
            "page": page,
            "rows": [_row(person, request.user) for person in page] if page else [],
            "page_error": page_error,
            "first_page": page_url(request.GET, 1),
            "pagination": page_links(page, params=request.GET) if page else None,
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "open_invitations": selectors.invitations_open().count(),
        },
        status=400 if form.errors or page_error else 200,
    )


@require_http_methods(["GET", "POST"])
@manager_required
def invitation_create(request):
    form = InvitationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            invitation, _token = services.invitation_create(actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("people:invitations")
    return render(
        request,
        "people/invitation_form.html",
        {"form": form, "invitation_days": services.invitation_days()},
        status=400 if form.errors else 200,
    )


@require_safe
@manager_required
def invitation_list(request):
    invitations = [
        {
            "invitation": invitation,
            "role": roles.ROLE_LABELS.get(invitation.role, invitation.role),
            "state": selectors.invitation_state(invitation),
            "may_manage": rules.can_manage_invitation(request.user, invitation),
        }
        for invitation in selectors.invitations_open()[:200]
    ]
    return render(request, "people/invitation_list.html", {"invitations": invitations})


def _invitation_step(request, pk: int, step, done: str):
    invitation = get_object_or_404(Invitation, pk=pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    with service_errors(form):
        step(actor=request.user, invitation=invitation)
        messages.success(request, done % {"email": invitation.email})
        return redirect("people:invitations")
    for error in form.non_field_errors():
        messages.error(request, error)
    return redirect("people:invitations")


@require_POST
@manager_required
def invitation_withdraw(request, pk: int):
    return _invitation_step(
        request, pk, services.invitation_withdraw, _("Invitation to %(email)s withdrawn.")
    )


@require_POST
@manager_required
def invitation_resend(request, pk: int):
    return _invitation_step(
        request,
        pk,
        services.invitation_resend,
        _("Invitation sent again to %(email)s, with a new link."),
    )


def _person_page(request, person, *, form=None, conflict=None, status=200):
    actor = request.user
    row = _row(person, actor)
    base = services.person_base(person)
    if form is None and row["may_manage"]:
        names = rules.person_roles(person)
        form = PersonForm(
            actor=actor,
            initial={
                "base": base,
                "role": rules.main_role(names),
                "organisation": row["organisation"],
            },
        )
    return render(
        request,
        "people/person_detail.html",
        {
            **row,
            "form": form if row["may_manage"] else None,
            "base": base,
            "conflict": conflict,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@manager_required
def person_detail(request, pk: int):
    person = get_object_or_404(selectors.person_detail(pk))
    if request.method == "GET":
        return _person_page(request, person)
    if not rules.can_manage_person(request.user, person):
        raise PermissionDenied
    form = PersonForm(request.POST, actor=request.user)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
            messages.success(request, _("Role and organisation saved."))
            return redirect("people:person", pk=person.pk)
        if outcome.conflict:
            person = get_object_or_404(selectors.person_detail(pk))
            return _person_page(request, person, conflict=outcome.conflict, status=409)
    return _person_page(request, person, form=form, status=400)


@require_POST
@manager_required
def person_active(request, pk: int):
    """Deactivate (``active=0``) or reactivate (``active=1``) the person."""
    person = get_object_or_404(selectors.person_detail(pk))
    if not rules.can_manage_person(request.user, person):
        raise PermissionDenied
    form = BaseForm(request.POST)
    activate = request.POST.get("active") == "1"
    if form.is_valid():
        step = services.person_reactivate if activate else services.person_deactivate
        with service_errors(form) as outcome:
            step(actor=request.user, person=person, base=form.cleaned_data["base"])
            messages.success(
                request,
                _("Account reactivated.") if activate else _("Account deactivated."),
            )
            return redirect("people:person", pk=person.pk)
        if outcome.conflict:
            person = get_object_or_404(selectors.person_detail(pk))
            return _person_page(request, person, conflict=outcome.conflict, status=409)
    for error in form.non_field_errors() or [_("The page was out of date. Try again.")]:
        messages.error(request, error)
    return redirect("people:person", pk=person.pk)


# The invited person ---------------------------------------------------------------------------


def _unusable(request, exc: services.InvitationUnusable):
    return render(
        request,
        "people/invitation_unusable.html",
        {"reason": exc.reason, "invitation": exc.invitation},
        status=404 if exc.reason == "unknown" else 410,
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Anyone with the link: a new local account, or the signed-in (single sign-on) account
    with the invited address."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable as exc:
        return _unusable(request, exc)
    signed_in = request.user.is_authenticated
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data) if signed_in else AcceptForm(data)
    if request.method == "POST" and form.is_valid():
        fields = {} if signed_in else form.cleaned_data
        try:
            with service_errors(form):
                _invitation, person = services.invitation_accept(
                    token=token,
                    user=request.user if signed_in else None,
                    username=fields.get("username", ""),
                    password=fields.get("password1", ""),
                )
                if signed_in:
                    request.user._tracker_roles = None
                    messages.success(request, _("Invitation accepted. Your role is ready."))
                    return redirect("staff:start")
                # Shown, not redirected to: the sign-in page is one link away, and signing in
                # here would skip the second factor Editors and Administrators give.
                return render(request, "people/welcome.html", {"person": person})
        except services.InvitationUnusable as exc:
            return _unusable(request, exc)
    return render(
        request,
        "people/invitation_accept.html",
        {
            "invitation": invitation,
            "role": roles.ROLE_LABELS.get(invitation.role, invitation.role),
            "form": form,
            "signed_in": signed_in,
        },
        status=400 if form.errors else 200,
    )
