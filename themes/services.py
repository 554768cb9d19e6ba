"""Writes for theme stories: write (and send for approval), approve, send back.

Every change is a new row in the story's history (django-simple-history); readers see the
latest approved version, so a correction waits for its own approval.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.errors import EditConflict, NotAllowed
from themes.models import STORY_PARTS, StoryState, Theme, ThemeStory
from themes.selectors import story_author_ids

# The fields a person writes, in the order the form shows them: each in English and Welsh.
STORY_FIELDS = tuple(
    f"{name}_{language}" for name in ("outcome", *STORY_PARTS) for language in ("en", "cy")
)


def _conflict(story_pk: int) -> EditConflict:
    current = ThemeStory.objects.select_related("written_by", "approved_by").get(pk=story_pk)
    return EditConflict(
        _(
            "Someone else changed this story while you had it open. Their version is shown "
            "below; your text is kept in the form. Check it and save again."
        ),
        current=current,
    )


def _claim_version(*, story: ThemeStory, base_version: int) -> None:
    """Move the story on one version, or refuse if someone moved it since the form opened.

    A conditional UPDATE is atomic on every database: of two people saving at once, one wins.
    """
    claimed = ThemeStory.objects.filter(pk=story.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        raise _conflict(story.pk)
    story.version = base_version + 1


def _refuse_historical(story: ThemeStory) -> None:
    if story.is_historical:
        raise ValidationError(
            _(
                "This story was published before the tracker and is kept word for word as "
                "published. It cannot be changed here."
            )
        )


@transaction.atomic
def story_write(
    *,
    theme: Theme,
    year: int,
    user,
    data: dict[str, Any],
    base_version: int,
    submit: bool = False,
) -> ThemeStory:
    """Write or change a theme's story for a year; with ``submit``, send it for approval.

    Changing an approved story starts a new draft: the approved words stay published until
    a second Editor approves the change.
    """
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can write theme stories."))
    story = ThemeStory.objects.filter(theme=theme, year=year).first()
    if story is None:
        if base_version != 0:
            # The form was opened on a story that has since gone: nothing to build on.
            raise ValidationError(_("This story no longer exists. Start it again."))
        story = ThemeStory(theme=theme, year=year)
    else:
        _refuse_historical(story)
    for name in STORY_FIELDS:
        if name in data:
            setattr(story, name, (data[name] or "").strip())
    if not (story.outcome_en or any(getattr(story, f"{part}_en") for part in STORY_PARTS)):
        raise ValidationError(
            {"why_it_matters_en": _("Write at least one part of the story in English.")}
        )
    story.state = StoryState.AWAITING_APPROVAL if submit else StoryState.DRAFT
    story.written_by = user
    story.approved_by, story.approved_at, story.return_comment = None, None, ""
    story.full_clean(exclude=["version"], validate_unique=False)
    if story.pk is None:
        try:
            with transaction.atomic():
                story.save()
        except IntegrityError as exc:
            # Someone started the same story a moment ago.
            raise _conflict(ThemeStory.objects.get(theme=theme, year=year).pk) from exc
        return story
    _claim_version(story=story, base_version=base_version)
    story.save()
    return story


def _decide(*, story: ThemeStory, user, base_version: int) -> ThemeStory:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can approve theme stories."))
    story = ThemeStory.objects.select_for_update().get(pk=story.pk)
    if story.version != base_version:
        raise _conflict(story.pk)
    if story.state != StoryState.AWAITING_APPROVAL:
        raise ValidationError(_("Only a story sent for approval can be approved or sent back."))
    return story


@transaction.atomic
def story_approve(*, story: ThemeStory, user, base_version: int) -> ThemeStory:
    """A second Editor approves the story: it is published on the theme page and goes into
    the next report built for its year."""
    story = _decide(story=story, user=user, base_version=base_version)
    if not roles.can_approve_story(user, story_author_ids(story)):
        raise NotAllowed(_("You wrote or changed this story, so a second Editor must approve it."))
    story.state = StoryState.APPROVED
    story.approved_by, story.approved_at = user, timezone.now()
    story.full_clean(exclude=["version"], validate_unique=False)
    _claim_version(story=story, base_version=base_version)
    story.save()
    return story


@transaction.atomic
def story_return(*, story: ThemeStory, user, base_version: int, comment: str) -> ThemeStory:
    """Send the story back to draft with a comment saying what to change."""
    story = _decide(story=story, user=user, base_version=base_version)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what to change before sending the story back.")})
    story.state = StoryState.DRAFT
    story.return_comment = comment.strip()
    story.full_clean(exclude=["version"], validate_unique=False)
    _claim_version(story=story, base_version=base_version)
    story.save()
    return story
