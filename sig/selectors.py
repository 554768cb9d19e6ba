"""Reads of meetings and decisions. Pages, emails and the open data all go through these."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from actions.models import Action, ActionOwner, DeliveryPlan, OwnerRole
from actions.status import action_is_overdue
from core import roles
from measures.models import Indicator
from sig import dashboard
from sig.models import Decision, DecisionState, Meeting, Risk
from themes.models import Theme

# The dashboard's "changed since" before any meeting has been held.
DEFAULT_CHANGES_DAYS = 90

# A public decision is published once its meeting's minutes are approved (the one rule).
PUBLISHED = Q(is_public=True, meeting__minutes_approved_at__isnull=False)


def meeting_list() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("chair").order_by("-held_on", "-pk")


def meeting_details() -> QuerySet[Meeting]:
    """Meetings with everything their page shows; pick one with get_object_or_404."""
    return Meeting.objects.select_related(
        "chair", "opened_by", "minutes_approved_by", "created_by"
    ).prefetch_related(
        "packs", Prefetch("decisions", queryset=_with_details(Decision.objects.all()))
    )


def changes_since_default(*, before: datetime.date | None = None) -> datetime.date:
    """ "Changed since the last meeting": the date of the latest meeting held before `before`
    (today by default), or 90 days back when there has been none."""
    before = before or timezone.localdate()
    last = (
        Meeting.objects.filter(held_on__lt=before)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return last or before - datetime.timedelta(days=DEFAULT_CHANGES_DAYS)


def pack_context(*, plan: DeliveryPlan | None, since: datetime.date) -> dict:
    """What the meeting pack shows: the dashboard's headline, exceptions and changes."""
    context = {"plan": plan, "since": since}
    if plan is not None:
        table = dashboard.theme_status_table(plan=plan)
        exceptions = dashboard.exceptions(plan=plan)
        exceptions.overdue_decisions = list(decisions_overdue())
        context.update(
            table=table,
            headline=dashboard.headline(table=table, overdue=exceptions.overdue),
            exceptions=exceptions,
            changes=dashboard.changes_since(plan=plan, since=since),
            risks=risks_for_dashboard(),
        )
    return context


def _with_details(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    return queryset.select_related("meeting", "organisation", "closed_by").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("plan").order_by("number")),
        Prefetch("themes", queryset=Theme.objects.order_by("number")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.select_related("theme").order_by(
                "theme__number", "position"
            ),
        ),
    )


def decision_details() -> QuerySet[Decision]:
    return _with_details(Decision.objects.all())


def decisions_visible_to(user) -> QuerySet[Decision]:
    """Staff who see internal material see every decision; an owner sees the published ones
    and every one assigned to their organisation; the public sees the published ones."""
    if roles.can_view_internal(user):
        return Decision.objects.all()
    organisation_id = roles.owner_organisation_id(user)
    if organisation_id is not None:
        return Decision.objects.filter(PUBLISHED | Q(organisation_id=organisation_id))
    return Decision.objects.filter(PUBLISHED)


def decisions_on_action(*, action: Action, user) -> list[Decision]:
    """The decisions about this action that this person may read, latest meeting first."""
    return list(
        _with_details(decisions_visible_to(user).filter(actions=action)).order_by(
            "-meeting__held_on", "-pk"
        )
    )


def decisions_on_theme(*, theme, user) -> list[Decision]:
    """The decisions about this theme that this person may read, latest meeting first."""
    return list(
        _with_details(decisions_visible_to(user).filter(themes=theme)).order_by(
            "-meeting__held_on", "-pk"
        )
    )


def decisions_on_indicator(*, indicator, user) -> list[Decision]:
    """The decisions about this indicator that this person may read, latest meeting first."""
    return list(
        _with_details(decisions_visible_to(user).filter(indicators=indicator)).order_by(
            "-meeting__held_on", "-pk"
        )
    )


def decisions_for_organisation(*, organisation_id: int, open_only: bool = True) -> list:
    """The decisions assigned to an organisation, soonest due first: an owner's to-do list."""
    decisions = Decision.objects.filter(organisation_id=organisation_id)
    if open_only:
        decisions = decisions.filter(state=DecisionState.OPEN)
    return list(_with_details(decisions).order_by("due_on", "pk"))


def decisions_published() -> QuerySet[Decision]:
    """Every published decision, latest meeting first: /decisions/ and its open data."""
    return _with_details(Decision.objects.filter(PUBLISHED)).order_by(
        "-meeting__held_on", "due_on", "pk"
    )


def meetings_with_published_minutes() -> QuerySet[Meeting]:
    """Meetings whose approved minutes an Editor has published, latest first: /decisions/."""
    return Meeting.objects.filter(
        minutes_approved_at__isnull=False, minutes_published_at__isnull=False
    ).order_by("-held_on", "-pk")


def decisions_overdue(*, today: datetime.date | None = None) -> QuerySet[Decision]:
    today = today or timezone.localdate()
    return _with_details(
        Decision.objects.filter(state=DecisionState.OPEN, due_on__lt=today)
    ).order_by("due_on", "pk")


def open_data_sources() -> tuple[type, ...]:
    """The models whose rows appear in /data/decisions.json or decide what it lists."""
    return (Decision, Meeting, Action, DeliveryPlan)


def organisation_overview(*, organisation, plan: DeliveryPlan | None, user) -> dict:
    """An organisation's page: its actions in the plan in force as lead and as partner, and
    the decisions assigned to it that this person may read. Staff who see internal material
    also get its overdue items: overdue actions it leads and decisions past their due date."""
    owners = (
        ActionOwner.objects.filter(organisation=organisation, action__plan=plan)
        .select_related("action__plan", "action__period", "action__theme")
        .order_by("action__number")
    )
    lead = [o.action for o in owners if o.role == OwnerRole.LEAD]
    partner = [o.action for o in owners if o.role == OwnerRole.PARTNER]
    decisions = list(
        _with_details(decisions_visible_to(user).filter(organisation=organisation)).order_by(
            "-meeting__held_on", "due_on", "pk"
        )
    )
    overview = {"organisation": organisation, "plan": plan, "lead": lead, "partner": partner}
    overview["decisions"] = decisions
    if roles.can_view_internal(user):
        overview["overdue_actions"] = [a for a in lead if action_is_overdue(a)]
        overview["overdue_decisions"] = [d for d in decisions if d.is_overdue]
        overview["overdue_count"] = len(overview["overdue_actions"]) + len(
            overview["overdue_decisions"]
        )
    return overview


def risks_all() -> QuerySet[Risk]:
    return Risk.objects.select_related("owner").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("plan").order_by("number"))
    )


def risks_for_dashboard(*, today: datetime.date | None = None) -> dict:
    """The five risks with the highest score (ties: the oldest review date first), and every
    risk whose review date has passed."""
    today = today or timezone.localdate()
    risks = list(risks_all())
    top = sorted(risks, key=lambda r: (-r.score, r.review_on, r.pk))[:5]
    return {"top": top, "review_due": [r for r in risks if r.review_on < today]}
