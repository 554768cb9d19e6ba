"""The 2021 to 2022 outcome page, loaded as theme 2's historical story, word for word."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import ROOT
from themes.models import StoryState, ThemeStory
from themes.selectors import stories_approved_copies, stories_published

SOURCE = ROOT / "fixtures" / "sources" / "annual-report-2021-2022-attract-recruit-retain.txt"

pytestmark = pytest.mark.django_db


def _between(text: str, start: str, end: str) -> str:
    """The source's text between two headings, one line per paragraph or list item."""
    body = text.split(f"\n{start}\n", 1)[1].split(f"\n{end}\n", 1)[0]
    return "\n".join(line.strip() for line in body.splitlines() if line.strip())


def _as_lines(stored: str) -> str:
    return "\n".join(line.strip() for line in stored.splitlines() if line.strip())


@pytest.fixture
def story(real_plan):
    call_command("load_theme_stories", stdout=StringIO())
    return ThemeStory.objects.get(theme__strategy=real_plan.strategy, year=2021)


def test_the_story_is_the_attraction_and_recruitment_themes(story):
    assert story.theme.number == 2
    assert story.theme.title_en == "Attraction and recruitment"
    assert (story.year_label, story.financial_year) == ("2021 to 2022", True)


def test_outcome_why_and_impact_are_the_sources_words(story):
    text = SOURCE.read_text(encoding="utf-8")
    outcome = re.search(r"^Outcome: (.+)$", text, re.MULTILINE)[1]
    assert story.outcome_en == outcome
    assert _as_lines(story.why_it_matters_en) == _between(text, "Why it’s important", "Our impact")
    assert _as_lines(story.impact_en) == _between(text, "Our impact", "Next page")
    # The figures the measures link to are there, with the source's "more than".
    assert "There were more than:\n\n• 300,000 visitors to the WeCare Wales website" in (
        story.impact_en
    )


def test_parts_the_source_does_not_have_are_left_empty(story):
    assert (story.what_we_did_en, story.whats_next_en) == ("", "")
    assert not story.why_it_matters_cy and not story.impact_cy


def test_it_is_approved_by_publication_with_no_approver_in_the_tracker(story):
    assert story.state == StoryState.APPROVED
    assert story.approved_by is None and story.written_by is None
    assert story.is_historical


def test_loading_again_changes_nothing(story):
    versions = story.history.count()
    out = StringIO()
    call_command("load_theme_stories", stdout=out)
    assert "1 unchanged" in out.getvalue()
    assert story.history.count() == versions


def test_it_is_tied_to_no_report(story):
    """A report for a calendar year never picks up the 2021 to 2022 financial-year story."""
    assert stories_approved_copies(strategy=story.theme.strategy, year=2021) == {}


def test_the_theme_page_shows_it_labelled_with_its_year_in_both_languages(client, story):
    assert stories_published(theme=story.theme)[0].pk == story.pk
    english = client.get(reverse("themes:detail", args=[2])).content.decode()
    assert "2021 to 2022: from our annual report" in english
    assert "300,000 visitors to the WeCare Wales website" in english
    welsh = client.get("/cy" + reverse("themes:detail", args=[2])).content.decode()
    # No Welsh yet: the English shows inside lang="en".
    assert '<div lang="en"><p>The population of Wales is increasing' in welsh


def test_staff_cannot_change_a_story_published_before_the_tracker(client, story):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="Editor"))
    edit = reverse("staff:story-edit", args=[2, 2021])
    assert client.get(edit).status_code == 302
    detail = client.get(reverse("staff:story-detail", args=[2, 2021])).content.decode()
    assert edit not in detail


def test_the_figures_linked_to_the_story_show_under_it_on_the_theme_page(client, real_plan):
    from django.core.management import call_command

    from measures.models import MeasureFigure

    call_command("load_theme_stories", verbosity=0)
    call_command("load_measures", verbosity=0)
    linked = MeasureFigure.objects.filter(stories__year=2021)
    assert linked.count() == 4  # the four "more than" figures of the 2021 to 2022 page
    body = client.get("/themes/2/").content.decode()
    assert "Figures recorded for this story" in body
    for figure in linked:
        assert f"{figure.unit}: more than" in body
