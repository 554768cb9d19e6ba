"""Reads of actions. Pages, downloads and reports all go through these."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from actions.filters import ActionFilter
from actions.models import (
    Action,
    ActionLink,
    ActionOutcome,
    ActionOwner,
    ActionSubPoint,
    ProgressUpdate,
)
from actions.plan_models import DeliveryPeriod, DeliveryPlan, Organisation
from themes.models import Strategy, Theme
from themes.selectors import LATEST_FIRST, strategies_latest_first


class InvalidFilters(Exception):
    """Filter parameters that cannot be used; ``errors`` maps each to what is wrong."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(errors)


def _with_details(queryset: QuerySet[Action]) -> QuerySet[Action]:
    return queryset.select_related("plan", "theme", "period", "outcome").prefetch_related(
        "sub_points",
        Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation")),
    )


def action_filterset(*, data: Mapping | None = None) -> ActionFilter:
    return ActionFilter(data=data or {}, queryset=_with_details(Action.objects.all()))


def action_list_params(*, data: QueryDict) -> QueryDict:
    """The list page's filters: the plan in force unless the reader chose a plan.

    A missing ``plan`` means "not chosen yet"; an empty one is the reader's "All plans".
    """
    params = data.copy()
    if "plan" not in params and (plan := plan_current()) is not None:
        params["plan"] = plan.slug
    return params


def action_list(*, data: Mapping | None = None) -> QuerySet[Action]:
    """Actions matching the filter parameters; InvalidFilters names any bad parameter."""
    return action_filtered(filterset=action_filterset(data=data))


def action_filtered(*, filterset: ActionFilter) -> QuerySet[Action]:
    """The actions a bound filterset selects, for a page that also shows the filter form."""
    if not filterset.is_valid():
        raise InvalidFilters(filterset.explained_errors())
    return filterset.qs.order_by("plan__start_year", "plan__slug", "number")


def action_details() -> QuerySet[Action]:
    """Actions with everything their page shows; pick one with get_object_or_404."""
    return _with_details(Action.objects.all())


def action_organisations(action: Action) -> list[Organisation]:
    """The organisations that own the action, leads first (ActionOwner's order)."""
    return [owner.organisation for owner in action.owners.select_related("organisation")]


@dataclass(frozen=True)
class PartnerPart:
    """One owning organisation of a jointly owned action and its latest word on its part."""

    organisation: Organisation
    role: str
    update: ProgressUpdate | None


def partner_parts(action: Action) -> list[PartnerPart]:
    """For an action with more than one owning organisation: each of them, leads first, with
    the latest approved update that reports its part (None if there is none yet). Empty for an
    action with one owner.

    "Latest" is the approved updates' own order (APPROVED_ORDER). It says only what each
    organisation last reported: the action's status still follows all its approved updates
    (actions/update_models.py, derived_state).
    """
    owners = list(action.owners.select_related("organisation"))
    if len(owners) < 2:
        return []
    latest: dict[int, ProgressUpdate] = {}
    updates = ProgressUpdate.objects.filter(action=action, reports_for__isnull=False)
    for update in updates.approved_in_order().select_related("review"):
        latest[update.reports_for_id] = update
    return [
        PartnerPart(
            organisation=owner.organisation,
            role=owner.get_role_display(),
            update=latest.get(owner.organisation_id),
        )
        for owner in owners
    ]


def plans_latest_first() -> QuerySet[DeliveryPlan]:
    """Every plan, latest first, in the order that decides the plan in force."""
    return DeliveryPlan.objects.order_by(*LATEST_FIRST)


def plan_current() -> DeliveryPlan | None:
    """The plan now in force: the current strategy's latest plan by start year.

    The same order as the current strategy (``themes.selectors.LATEST_FIRST``), so two plans
    starting in the same year resolve as two strategies would: the one loaded last. One query.
    """
    return plans_latest_first().filter(strategy__in=strategies_latest_first()[:1]).first()


def open_data_sources() -> tuple[type, ...]:
    """Every model whose rows appear in, or decide the filters of, the actions exports.

    The strategy is here because the theme filter means the current strategy's themes.
    """
    actions = (Action, ActionSubPoint, ActionOwner, Organisation, DeliveryPlan, DeliveryPeriod)
    return (*actions, ActionLink, ActionOutcome, Theme, Strategy)
