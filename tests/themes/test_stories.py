"""Theme stories: written by one Editor, approved by a second, edits never lost, history kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.errors import EditConflict
from tests.factories import ThemeFactory, UserFactory
from themes.models import StoryState, ThemeStory
from themes.selectors import stories_published, story_approved_version, story_author_ids
from themes.services import story_approve, story_return, story_write

YEAR = 2024
TEXT = {
    "why_it_matters_en": "Care needs people.",
    "why_it_matters_cy": "Mae gofal angen pobl.",
    "impact_en": "• 12 people started work\n• 3 courses ran",
}


@pytest.fixture
def theme(db):
    return ThemeFactory(number=2)


@pytest.fixture
def author(db):
    return UserFactory(role="Editor")


@pytest.fixture
def second(db):
    return UserFactory(role="Editor")


def _submitted(theme, author, **text):
    return story_write(
        theme=theme, year=YEAR, user=author, data=text or TEXT, base_version=0, submit=True
    )


def test_a_second_editor_approves_and_the_story_is_published(theme, author, second):
    story = _submitted(theme, author)
    assert story.state == StoryState.AWAITING_APPROVAL
    assert stories_published(theme=theme) == []

    story_approve(story=story, user=second, base_version=story.version)

    story.refresh_from_db()
    assert (story.state, story.approved_by, story.written_by) == ("approved", second, author)
    assert [s.why_it_matters_cy for s in stories_published(theme=theme)] == [
        "Mae gofal angen pobl."
    ]


def test_the_author_may_not_approve_their_own_story(theme, author):
    story = _submitted(theme, author)
    with pytest.raises(PermissionDenied):
        story_approve(story=story, user=author, base_version=story.version)
    story.refresh_from_db()
    assert story.state == StoryState.AWAITING_APPROVAL


def test_an_editor_who_changed_the_text_since_approval_may_not_approve_it(theme, author, second):
    """The second Editor tidied the first's draft: both wrote it, so a third must approve."""
    story = _submitted(theme, author)
    story = story_write(
        theme=theme,
        year=YEAR,
        user=second,
        data={**TEXT, "impact_en": "• 13 people started work"},
        base_version=story.version,
        submit=True,
    )
    assert story_author_ids(story) == {author.pk, second.pk}
    for person in (author, second):
        with pytest.raises(PermissionDenied):
            story_approve(story=story, user=person, base_version=story.version)
    third = UserFactory(role="Editor")
    story_approve(story=story, user=third, base_version=story.version)


def test_people_who_are_not_editors_may_neither_write_nor_approve(theme, author):
    sig = UserFactory(role="SIG member")
    with pytest.raises(PermissionDenied):
        _submitted(theme, sig)
    story = _submitted(theme, author)
    with pytest.raises(PermissionDenied):
        story_approve(story=story, user=sig, base_version=story.version)


def test_a_draft_is_not_approved_until_it_is_sent_for_approval(theme, author, second):
    story = story_write(theme=theme, year=YEAR, user=author, data=TEXT, base_version=0)
    assert story.state == StoryState.DRAFT
    with pytest.raises(ValidationError):
        story_approve(story=story, user=second, base_version=story.version)


def test_a_story_with_no_english_is_refused_naming_the_field(theme, author):
    with pytest.raises(ValidationError) as error:
        story_write(
            theme=theme,
            year=YEAR,
            user=author,
            data={"impact_cy": "Dim ond Cymraeg"},
            base_version=0,
        )
    assert "why_it_matters_en" in error.value.message_dict
    assert not ThemeStory.objects.exists()


def test_a_save_from_an_older_version_is_refused_and_shows_the_other_persons_text(
    theme, author, second
):
    story = _submitted(theme, author)
    opened_at = story.version
    story_write(
        theme=theme,
        year=YEAR,
        user=second,
        data={**TEXT, "why_it_matters_en": "Second Editor's words."},
        base_version=opened_at,
    )
    with pytest.raises(EditConflict) as conflict:
        story_write(
            theme=theme,
            year=YEAR,
            user=author,
            data={**TEXT, "why_it_matters_en": "First Editor's late words."},
            base_version=opened_at,
        )
    assert conflict.value.current.why_it_matters_en == "Second Editor's words."
    story.refresh_from_db()
    assert story.why_it_matters_en == "Second Editor's words."


def test_approving_a_version_you_did_not_see_is_refused(theme, author, second):
    story = _submitted(theme, author)
    seen = story.version
    story_write(theme=theme, year=YEAR, user=author, data=TEXT, base_version=seen, submit=True)
    with pytest.raises(EditConflict):
        story_approve(story=story, user=second, base_version=seen)


def test_a_correction_keeps_the_approved_words_published_until_it_is_approved(
    theme, author, second
):
    story = _submitted(theme, author)
    story_approve(story=story, user=second, base_version=story.version)
    story.refresh_from_db()
    story_write(
        theme=theme,
        year=YEAR,
        user=author,
        data={**TEXT, "why_it_matters_en": "Corrected."},
        base_version=story.version,
        submit=True,
    )
    published = story_approved_version(story)
    assert published.why_it_matters_en == "Care needs people."
    assert published.approved_by_id == second.pk


def test_sending_back_needs_a_comment_and_returns_the_story_to_draft(theme, author, second):
    story = _submitted(theme, author)
    with pytest.raises(ValidationError) as error:
        story_return(story=story, user=second, base_version=story.version, comment=" ")
    assert "comment" in error.value.message_dict
    story = story_return(
        story=story, user=second, base_version=story.version, comment="Add the source."
    )
    assert (story.state, story.return_comment) == (StoryState.DRAFT, "Add the source.")


def test_every_change_is_kept_in_the_history(theme, author, second):
    story = _submitted(theme, author)
    story_approve(story=story, user=second, base_version=story.version)
    story.refresh_from_db()
    story_write(theme=theme, year=YEAR, user=author, data=TEXT, base_version=story.version)
    states = list(story.history.order_by("history_id").values_list("state", flat=True))
    assert states == ["awaiting_approval", "approved", "draft"]


def test_one_story_per_theme_and_year(theme, author):
    _submitted(theme, author)
    duplicate = ThemeStory(theme=theme, year=YEAR, why_it_matters_en="Again")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_an_approved_story_needs_its_approver(theme):
    story = ThemeStory(theme=theme, year=YEAR, why_it_matters_en="x", state="approved")
    with pytest.raises(ValidationError):
        story.full_clean()


# The staff pages -------------------------------------------------------------------------


def test_the_editors_start_page_links_to_the_stories_and_others_see_no_link(client, theme, author):
    client.force_login(author)
    start = client.get(reverse("staff:my-actions"))
    assert reverse("staff:story-list") in start.content.decode()
    client.force_login(UserFactory(role="SIG member"))
    assert (
        reverse("staff:story-list") not in client.get(reverse("staff:my-actions")).content.decode()
    )
    assert client.get(reverse("staff:story-list")).status_code == 403


def test_an_editor_writes_a_story_in_both_languages_through_the_form(client, real_plan, author):
    client.force_login(author)
    url = reverse("staff:story-edit", args=[2, YEAR])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="why_it_matters_cy"' in page.content.decode()
    response = client.post(url, {**TEXT, "base_version": 0, "submit": "1"})
    assert response.status_code == 302
    story = ThemeStory.objects.get(theme__number=2, year=YEAR, theme__strategy=real_plan.strategy)
    assert story.state == StoryState.AWAITING_APPROVAL
    assert story.why_it_matters_cy == "Mae gofal angen pobl."


def test_only_a_second_editor_sees_the_approval_link_and_form(client, real_plan, author, second):
    theme = real_plan.strategy.themes.get(number=2)
    story = _submitted(theme, author)
    listing = f"{reverse('staff:story-list')}?year={YEAR}"
    detail = reverse("staff:story-detail", args=[2, YEAR])
    client.force_login(author)
    assert f"{detail}#decision" not in client.get(listing).content.decode()
    assert 'name="decision"' not in client.get(detail).content.decode()
    assert (
        client.post(detail, {"decision": "approve", "base_version": story.version}).status_code
        == 302
    )
    story.refresh_from_db()
    assert story.state == StoryState.AWAITING_APPROVAL

    client.force_login(second)
    assert f"{detail}#decision" in client.get(listing).content.decode()
    response = client.post(detail, {"decision": "approve", "base_version": story.version})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.approved_by == second


def test_the_form_answers_409_with_the_other_persons_text_on_a_conflict(
    client, real_plan, author, second
):
    theme = real_plan.strategy.themes.get(number=2)
    story = _submitted(theme, author)
    opened_at = story.version
    story_write(
        theme=theme,
        year=YEAR,
        user=second,
        data={**TEXT, "why_it_matters_en": "Second Editor's words."},
        base_version=opened_at,
    )
    client.force_login(author)
    response = client.post(
        reverse("staff:story-edit", args=[2, YEAR]),
        {**TEXT, "why_it_matters_en": "Mine.", "base_version": opened_at},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Second Editor&#x27;s words." in html
    assert "Mine." in html


def test_a_year_outside_the_strategy_is_not_found(client, real_plan, author):
    client.force_login(author)
    assert client.get(reverse("staff:story-edit", args=[2, 1999])).status_code == 404
    response = client.get(reverse("staff:story-list"), {"year": "1999"})
    assert response.status_code == 400
