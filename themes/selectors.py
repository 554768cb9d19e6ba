"""Reads of the strategy and its themes."""

from dataclasses import dataclass

from django.db.models import QuerySet

from themes.models import STORY_PARTS, StoryState, Strategy, Theme, ThemeStory

# Latest first. Two strategies starting in the same year: the one loaded last is current. Plans
# (actions.selectors) use the same order, so "current" means the same thing for both.
LATEST_FIRST = ("-start_year", "-pk")


def strategies_latest_first() -> QuerySet[Strategy]:
    return Strategy.objects.order_by(*LATEST_FIRST)


def strategy_current() -> Strategy | None:
    """The strategy now in force: the latest by start year."""
    return strategies_latest_first().first()


def themes_current() -> QuerySet[Theme]:
    """The current strategy's themes, as one query (a subquery picks the strategy)."""
    return Theme.objects.filter(strategy__in=strategies_latest_first()[:1])


def themes_of_current_strategy() -> QuerySet[Theme]:
    """The current strategy's themes, for get_object_or_404 by number."""
    return Theme.objects.select_related("strategy").filter(strategy=strategy_current())


def theme_get(*, number: int) -> Theme:
    return themes_of_current_strategy().get(number=number)


# Theme stories ------------------------------------------------------------------------------

# The texts a story's copy carries: the outcome and the four parts, in both languages.
STORY_TEXT_FIELDS = tuple(
    f"{name}_{language}" for name in ("outcome", *STORY_PARTS) for language in ("en", "cy")
)


def story_get(*, theme: Theme, year: int) -> ThemeStory | None:
    return (
        ThemeStory.objects.select_related("theme", "written_by", "approved_by")
        .filter(theme=theme, year=year)
        .first()
    )


def story_author_ids(story: ThemeStory) -> set[int]:
    """Everyone who changed the text since it was last approved: none of them may approve it.

    Read from the story's history, so an Editor who wrote a draft that a colleague then
    tidied cannot approve it either.
    """
    versions = story.history.order_by("-history_date", "-history_id").values_list(
        "state", "written_by_id"
    )
    authors = {story.written_by_id}
    for state, written_by in versions:
        if state == StoryState.APPROVED:
            break
        authors.add(written_by)
    return {pk for pk in authors if pk is not None}


def _approved_versions(stories: QuerySet[ThemeStory]) -> list[ThemeStory]:
    """The latest approved version of each story, as a story object, from the history.

    A story being corrected is a draft again; readers keep the version approved before.
    """
    history = ThemeStory.history.model
    latest: dict[int, ThemeStory] = {}
    rows = history.objects.filter(id__in=stories.values("pk"), state=StoryState.APPROVED).order_by(
        "-history_date", "-history_id"
    )
    for row in rows:
        if row.id not in latest:
            latest[row.id] = row.instance
    return list(latest.values())


def stories_published(*, theme: Theme) -> list[ThemeStory]:
    """A theme's approved stories, newest year first, for its public page."""
    stories = _approved_versions(ThemeStory.objects.filter(theme=theme))
    for story in stories:
        story.theme = theme
    return sorted(stories, key=lambda story: story.year, reverse=True)


def stories_of_year(*, year: int) -> list[dict]:
    """The current strategy's themes, each with its story for the year (or None)."""
    themes = list(themes_of_current_strategy())
    stories = {
        story.theme_id: story
        for story in ThemeStory.objects.filter(theme__in=themes, year=year).select_related(
            "written_by", "approved_by"
        )
    }
    return [{"theme": theme, "story": stories.get(theme.pk)} for theme in themes]


def stories_other_years(*, year: int) -> QuerySet[ThemeStory]:
    return (
        ThemeStory.objects.filter(theme__in=themes_of_current_strategy())
        .exclude(year=year)
        .select_related("theme")
        .order_by("-year", "theme__number")
    )


# The copy a report freezes into its build ----------------------------------------------------


@dataclass(frozen=True)
class StoryCopy:
    """An approved story's words as copied into a report build: a report rebuilt later shows
    these words even if the story has been corrected since. Read with the `content` tag like
    any translated model (outcome_en, outcome_cy, ...)."""

    data: dict

    def __getattr__(self, name: str):
        if name in STORY_TEXT_FIELDS or name in ("year", "year_label", "story_id", "version"):
            return self.data.get(name, "")
        raise AttributeError(name)

    @property
    def parts(self) -> list[str]:
        return [name for name in STORY_PARTS if self.data.get(f"{name}_en")]


def story_copy(story: ThemeStory) -> dict:
    """A story version's words, as plain data a report build can keep."""
    copy = {name: getattr(story, name) or "" for name in STORY_TEXT_FIELDS}
    copy.update(
        story_id=story.pk,
        version=story.version,
        year=story.year,
        year_label=str(story.year_label),
    )
    return copy


def stories_approved_copies(*, strategy: Strategy, year: int) -> dict[str, dict]:
    """The approved story of each of a strategy's themes for a year, keyed by theme number."""
    stories = _approved_versions(
        ThemeStory.objects.filter(theme__strategy=strategy, year=year, financial_year=False)
    )
    numbers = dict(Theme.objects.filter(strategy=strategy).values_list("pk", "number"))
    return {str(numbers[story.theme_id]): story_copy(story) for story in stories}


def story_approved_version(story: ThemeStory) -> ThemeStory | None:
    """The version of a story readers see now (None until one is approved)."""
    versions = _approved_versions(ThemeStory.objects.filter(pk=story.pk))
    return versions[0] if versions else None
