"""Staff pages for theme stories: the list for a year, write or change, approve."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core import roles
from core.access import editor_required
from core.service_errors import service_errors
from themes import selectors
from themes.forms import PART_HEADINGS, StoryDecisionForm, StoryForm, StoryYearForm
from themes.models import StoryState, Theme
from themes.services import story_approve, story_return, story_write


def _theme_and_year(number: int, year: int) -> Theme:
    theme = get_object_or_404(selectors.themes_of_current_strategy(), number=number)
    strategy = theme.strategy
    if not strategy.start_year <= year <= strategy.end_year:
        raise Http404
    return theme


@require_safe
@editor_required
def story_list(request):
    strategy = selectors.strategy_current()
    if strategy is None:
        raise Http404
    # Last year by default: the year the next annual report covers.
    default = min(max(timezone.localdate().year - 1, strategy.start_year), strategy.end_year)
    form = StoryYearForm(request.GET or None, strategy=strategy, initial={"year": default})
    year = form.cleaned_data["year"] if form.is_valid() else default
    rows = selectors.stories_of_year(year=year)
    for row in rows:
        story = row["story"]
        row["may_approve"] = bool(
            story
            and story.state == StoryState.AWAITING_APPROVAL
            and roles.can_approve_story(request.user, selectors.story_author_ids(story))
        )
    return render(
        request,
        "themes/story_list.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "other_years": selectors.stories_other_years(year=year),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@editor_required
def story_edit(request, number: int, year: int):
    theme = _theme_and_year(number, year)
    story = selectors.story_get(theme=theme, year=year)
    if story is not None and story.is_historical:
        messages.error(
            request, _("This story was published before the tracker: it is kept as published.")
        )
        return redirect("staff:story-detail", number=number, year=year)
    conflict = None
    if request.method == "POST":
        form = StoryForm(request.POST, instance=story)
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form) as outcome:
                saved = story_write(
                    theme=theme,
                    year=year,
                    user=request.user,
                    data=data,
                    base_version=data["base_version"],
                    submit="submit" in request.POST,
                )
                if saved.state == StoryState.AWAITING_APPROVAL:
                    messages.success(
                        request, _("Story saved and sent to a second Editor for approval.")
                    )
                else:
                    messages.success(request, _("Story saved as a draft."))
                return redirect("staff:story-detail", number=number, year=year)
            if conflict := outcome.conflict:
                # The form again at the story's new version: saving once more is a choice made
                # after reading the other person's text.
                form.data = form.data.copy()
                form.data["base_version"] = conflict.current.version
    else:
        form = StoryForm(instance=story, initial={"base_version": story.version if story else 0})
    return render(
        request,
        "themes/story_form.html",
        {
            "theme": theme,
            "year": year,
            "story": story,
            "form": form,
            "conflict": conflict,
            "parts": list(PART_HEADINGS.items()),
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


@require_http_methods(["GET", "POST"])
@editor_required
def story_detail(request, number: int, year: int):
    theme = _theme_and_year(number, year)
    story = selectors.story_get(theme=theme, year=year)
    if story is None:
        raise Http404
    authors = selectors.story_author_ids(story)
    awaiting = story.state == StoryState.AWAITING_APPROVAL
    may_decide = awaiting and roles.can_approve_story(request.user, authors)
    form, conflict = None, None
    if may_decide:
        data = request.POST if request.method == "POST" else None
        form = StoryDecisionForm(data, initial={"base_version": story.version})
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                _(
                    "You cannot decide on this story: you wrote or changed it, or it is not "
                    "waiting for approval."
                ),
            )
            return redirect("staff:story-detail", number=number, year=year)
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form) as outcome:
                if data["decision"] == StoryDecisionForm.APPROVE:
                    story_approve(story=story, user=request.user, base_version=data["base_version"])
                    messages.success(request, _("Story approved and published."))
                else:
                    story_return(
                        story=story,
                        user=request.user,
                        base_version=data["base_version"],
                        comment=data["comment"],
                    )
                    messages.success(request, _("Story sent back to draft."))
                return redirect(f"{reverse('staff:story-list')}?year={year}")
            conflict = outcome.conflict
    return render(
        request,
        "themes/story_detail.html",
        {
            "theme": theme,
            "story": story,
            "form": form,
            "conflict": conflict,
            "is_author": request.user.pk in authors,
            "awaiting": awaiting,
            "published": selectors.story_approved_version(story),
            "parts": list(PART_HEADINGS.items()),
        },
        status=409 if conflict else (400 if form is not None and form.errors else 200),
    )
