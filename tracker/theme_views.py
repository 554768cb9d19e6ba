from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actions.models import MeasurementLine
from actions.selectors import action_list, plan_current
from measures.progress import indicator_progress
from measures.selectors import indicator_list
from themes.selectors import themes_of_current_strategy
from tracker.selectors import strategy_overview


@require_safe
def theme_detail(request, number: int):
    theme = get_object_or_404(themes_of_current_strategy(), number=number)
    plan = plan_current()
    actions = action_list(data={"plan": plan.slug, "theme": theme.number}) if plan else []
    lines = MeasurementLine.objects.filter(plan=plan, theme=theme, parent=None).prefetch_related(
        "children"
    )
    return render(
        request,
        "themes/theme_detail.html",
        {
            "theme": theme,
            "plan": plan,
            "actions": actions,
            "indicators": indicator_progress(indicator_list(theme_number=theme.number, plan=plan))
            if plan
            else [],
            "measurement_lines": lines,
        },
    )


@require_safe
def theme_list(request):
    plan = plan_current()
    overview = strategy_overview(plan=plan)
    return render(
        request,
        "themes/theme_list.html",
        {"strategy": overview["strategy"], "themes": overview["themes"], "plan": plan},
    )
