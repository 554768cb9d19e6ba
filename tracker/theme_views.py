from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actions.models import MeasurementLine
from actions.plan_selectors import theme_in_other_plans
from actions.selectors import action_list, plan_current
from core import roles
from measures.measure_selectors import figures_of_stories, measures_of_theme
from measures.progress import indicator_progress
from measures.selectors import indicator_list
from sig.selectors import decisions_on_theme
from themes.selectors import stories_published, themes_of_current_strategy
from tracker.selectors import strategy_overview


@require_safe
def theme_detail(request, number: int):
    theme = get_object_or_404(themes_of_current_strategy(), number=number)
    plan = plan_current()
    actions = action_list(data={"plan": plan.slug, "theme": theme.number}) if plan else []
    lines = MeasurementLine.objects.filter(plan=plan, theme=theme, parent=None).prefetch_related(
        "children"
    )
    lines = list(lines)
    # Each line that is a progress measure shows what was last recorded against it.
    summaries = {s.measure.line_id: s for s in measures_of_theme(plan=plan, theme=theme)}
    for line in lines:
        for each in (line, *line.children.all()):
            each.measure_summary = summaries.get(each.pk)
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
            "stories": _with_linked_figures(stories_published(theme=theme)),
            "can_record_measures": roles.is_editor(request.user),
            "other_plans": theme_in_other_plans(theme, besides=plan),
            # The group's decisions about the theme that this reader may see (public ones only
            # for the public: sig.selectors.decisions_visible_to).
            "decisions": decisions_on_theme(theme=theme, user=request.user),
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


def _with_linked_figures(stories: list) -> list:
    """Each story with the progress measure figures linked to it, shown under its impact."""
    linked = figures_of_stories(story_ids=[story.pk for story in stories])
    for story in stories:
        story.linked_figures = linked.get(story.pk, [])
    return stories
