"""The plans of the strategy, each with its actions by status (or outcome, once ended)."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actions.plan_models import DeliveryPlan, StatementKind
from actions.plan_selectors import (
    plan_ambitions,
    plan_counts,
    plan_overview,
    plan_statements,
    plan_themes,
)
from actions.selectors import plan_current
from themes.models import Theme


@require_safe
def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": plan_overview()})


@require_safe
def plan_detail(request, plan: str):
    plan = get_object_or_404(DeliveryPlan, slug=plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "current": plan == plan_current(),
            "total": plan.actions.count(),
            "counts": plan_counts(plan),
            "ambitions": plan_ambitions(plan),
            "sections": plan_themes(plan),
            "no_periods": not plan.periods.exists(),
        },
    )


@require_safe
def plan_theme(request, plan: str, number: int):
    plan = get_object_or_404(DeliveryPlan, slug=plan)
    theme = get_object_or_404(Theme, strategy_id=plan.strategy_id, number=number)
    section = plan_themes(plan, theme=theme)[0]
    return render(
        request,
        "plans/plan_theme.html",
        {
            "plan": plan,
            "section": section,
            "why": plan_statements(section.plan_theme, StatementKind.WHY),
            "benefits": plan_statements(section.plan_theme, StatementKind.BENEFIT),
            "no_periods": not plan.periods.exists(),
        },
    )
