"""Loading theme stories published before the tracker, from fixtures/theme-stories.json.

Their words come from the published page kept in fixtures/sources/, word for word (the tests
compare them). They were approved by being published, so they load as approved with no
approver in the tracker, and their source says where they were published.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from themes.models import STORY_PARTS, StoryState, Theme, ThemeStory

STORY_DOCUMENT_FORMAT = "workforce-tracker-stories/1"
_TEXTS = ("outcome", *STORY_PARTS)


class StoryDocumentError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def read_story_document(path: Path) -> dict:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoryDocumentError([f"{path}: {exc}"]) from exc
    if not isinstance(document, dict) or document.get("format") != STORY_DOCUMENT_FORMAT:
        raise StoryDocumentError([f"{path}: the format must be {STORY_DOCUMENT_FORMAT!r}"])
    return document


def _values(record: dict) -> dict:
    values = {f"{name}_en": record.get(name, "") for name in _TEXTS}
    values.update(
        {f"{name}_cy": record[f"{name}_cy"] for name in _TEXTS if record.get(f"{name}_cy")}
    )
    values.update(
        financial_year=bool(record.get("financial_year")),
        source=record.get("source", ""),
        state=StoryState.APPROVED,
    )
    return values


@transaction.atomic
def stories_load(*, document: dict) -> dict[str, int]:
    """Load each story: all or none, and a second run changes nothing."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    problems: list[str] = []
    for index, record in enumerate(document.get("stories", []), start=1):
        where = f"story {index} (theme {record.get('theme')}, {record.get('year')})"
        theme = Theme.objects.filter(
            strategy__slug=record.get("strategy"), number=record.get("theme")
        ).first()
        if theme is None:
            problems.append(f"{where}: no theme {record.get('theme')} in {record.get('strategy')}")
            continue
        if not record.get("source"):
            problems.append(f"{where}: say where it was published (source)")
            continue
        values = _values(record)
        story = ThemeStory.objects.filter(theme=theme, year=record.get("year")).first()
        if story is not None and not story.is_historical:
            problems.append(f"{where}: staff have written this story; it is left as it is")
            continue
        if story is None:
            story, bucket = ThemeStory(theme=theme, year=record.get("year"), **values), "created"
        else:
            # Welsh added later by staff is kept, as load_plan keeps it.
            changed = {
                name: value
                for name, value in values.items()
                if getattr(story, name) != value
                and not (name.endswith("_cy") and getattr(story, name))
            }
            if not changed:
                counts["unchanged"] += 1
                continue
            for name, value in changed.items():
                setattr(story, name, value)
            bucket = "updated"
        try:
            story.full_clean()
        except ValidationError as exc:
            problems.append(f"{where}: {'; '.join(exc.messages)}")
            continue
        story.save()
        counts[bucket] += 1
    if problems:
        raise StoryDocumentError(problems)
    return counts
