"""Reads across plans: the plans with their counts, a plan's themes, an action's lineage."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actions.filters import NOT_RECORDED
from actions.lineage_models import ActionLink, LinkRelation, Outcome
from actions.models import Action, ActionOwner
from actions.plan_models import DeliveryPlan, PlanStatement, PlanTheme, StatementKind
from actions.selectors import plan_current, plans_latest_first
from actions.status import ActionStatus
from themes.models import Theme


def _list_url(**params) -> str:
    return f"{reverse('actions:list')}?{urlencode(params)}"


def plan_counts(plan: DeliveryPlan) -> list[dict]:
    """A plan's actions by status, or by outcome for an ended plan; each count links to the
    action list showing the same actions."""
    actions = Action.objects.filter(plan=plan).order_by()
    if plan.ended:
        found = dict(
            actions.values_list("outcome__outcome")
            .annotate(n=Count("pk"))
            .values_list("outcome__outcome", "n")
        )
        choices = [(NOT_RECORDED, _("Not recorded")), *Outcome.choices]
        return [
            {
                "label": label,
                "value": value,
                "count": found.get(None if value == NOT_RECORDED else value, 0),
                "url": _list_url(plan=plan.slug, outcome=value),
            }
            for value, label in choices
        ]
    found = dict(actions.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return [
        {
            "label": label,
            "value": value,
            "count": found.get(value, 0),
            "url": _list_url(plan=plan.slug, status=value),
        }
        for value, label in ActionStatus.choices
    ]


def plan_overview() -> list[dict]:
    """Every plan, latest first, with its action count and its counts by status or outcome."""
    current = plan_current()
    return [
        {
            "plan": plan,
            "current": plan == current,
            "total": plan.action_total,
            "total_url": _list_url(plan=plan.slug),
            "counts": plan_counts(plan),
        }
        for plan in plans_latest_first().annotate(action_total=Count("actions"))
    ]


@dataclass
class PlanThemeSection:
    theme: Theme
    plan_theme: PlanTheme | None  # None where the plan keeps the strategy's title
    actions: list


def plan_themes(plan: DeliveryPlan, *, theme: Theme | None = None) -> list[PlanThemeSection]:
    """The plan's themes in its own order under its own headings, each with its actions."""
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("plan", "theme", "period", "outcome")
        .prefetch_related(
            Prefetch("owners", queryset=ActionOwner.objects.select_related("organisation"))
        )
        .order_by("number")
    )
    if theme is not None:
        actions = actions.filter(theme=theme)
    headed = {
        pt.theme_id: pt
        for pt in PlanTheme.objects.filter(plan=plan).prefetch_related(
            Prefetch("statements", queryset=PlanStatement.objects.order_by("kind", "position"))
        )
    }
    themes = Theme.objects.filter(strategy_id=plan.strategy_id).order_by("number")
    if theme is not None:
        themes = themes.filter(pk=theme.pk)
    by_theme: dict[int, list] = {}
    for action in actions:
        by_theme.setdefault(action.theme_id, []).append(action)
    sections = [
        PlanThemeSection(
            theme=t,
            plan_theme=headed.get(t.pk),
            actions=by_theme.get(t.pk, []),
        )
        for t in themes
    ]
    # A plan that orders its themes its own way (the mental health plan starts with theme 7).
    return sorted(sections, key=lambda s: s.plan_theme.position if s.plan_theme else s.theme.number)


def plan_statements(plan_theme: PlanTheme | None, kind: str) -> list[PlanStatement]:
    if plan_theme is None:
        return []
    return [s for s in plan_theme.statements.all() if s.kind == kind]


def plan_ambitions(plan: DeliveryPlan) -> list[PlanStatement]:
    return list(
        PlanStatement.objects.filter(
            plan=plan, plan_theme=None, kind=StatementKind.AMBITION
        ).order_by("position")
    )


@dataclass
class LineageStep:
    """One step of an action's lineage: the other action, and how this one relates to it."""

    action: Action
    relation: str  # continues, continued_by, replaces, replaced_by, related
    state: str
    reason: str
    link: ActionLink


_SEEN_FROM_TARGET = {
    LinkRelation.CONTINUES: "continued_by",
    LinkRelation.REPLACES: "replaced_by",
    LinkRelation.RELATED: "related",
}


def action_lineage(action: Action) -> list[LineageStep]:
    """The action's shown links in both directions, oldest plan first (a short timeline)."""
    links = ActionLink.objects.shown().select_related("action__plan", "target__plan")
    steps = [
        LineageStep(link.target, link.relation, link.state, link.reason, link)
        for link in links.filter(action=action)
    ] + [
        LineageStep(link.action, _SEEN_FROM_TARGET[link.relation], link.state, link.reason, link)
        for link in links.filter(target=action)
    ]
    return sorted(
        steps, key=lambda s: (s.action.plan.start_year, s.action.plan.slug, s.action.number)
    )


def theme_in_other_plans(theme: Theme, *, besides: DeliveryPlan | None) -> list[dict]:
    """Each other plan's actions on a theme: the plan, its heading for it, and how many."""
    headings = {
        pt.plan_id: pt for pt in PlanTheme.objects.filter(theme=theme).select_related("plan")
    }
    plans = (
        plans_latest_first()
        .filter(strategy_id=theme.strategy_id)
        .annotate(on_theme=Count("actions", filter=Q(actions__theme=theme)))
    )
    if besides is not None:
        plans = plans.exclude(pk=besides.pk)
    return [
        {
            "plan": plan,
            "plan_theme": headings.get(plan.pk),
            "count": plan.on_theme,
            "url": reverse("plans:theme", kwargs={"plan": plan.slug, "number": theme.number}),
        }
        for plan in plans
        if plan.on_theme
    ]
