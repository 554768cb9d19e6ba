"""The report prints each theme's approved story, copied into the build: a rebuild of a
published edition prints the same words even after the story is corrected."""

import pytest

from reports.models import AnnualReport, ReportRun
from reports.publishing import report_publish
from reports.services import report_build, report_run_claim
from tests.factories import UserFactory
from tests.reports.conftest import AS_AT
from themes.services import story_approve, story_write

pytestmark = pytest.mark.django_db

APPROVED = "Nine in ten new starters stayed a year."
CORRECTED = "Eight in ten new starters stayed a year."


@pytest.fixture
def editors(db):
    return UserFactory(role="Editor"), UserFactory(role="Editor")


def _approve(theme, editors, why: str, *, welsh: str = "") -> None:
    author, second = editors
    story = theme.stories.filter(year=2024).first()
    data = {"why_it_matters_en": why, "why_it_matters_cy": welsh, "impact_en": "• 40 people"}
    story = story_write(
        theme=theme,
        year=2024,
        user=author,
        data=data,
        base_version=story.version if story else 0,
        submit=True,
    )
    story_approve(story=story, user=second, base_version=story.version)


@pytest.fixture
def build_run(small_plan):
    """Build one edition as the worker does: claim the queued run, then build it."""
    report, _created = AnnualReport.objects.get_or_create(plan=small_plan, year=2024)

    def run(language="en") -> ReportRun:
        queued = ReportRun.objects.create(report=report, language=language, as_at=AS_AT)
        built = report_build(run=report_run_claim(run_id=queued.pk))
        assert built.status == "ready", built.failure_reason
        return built

    return run


def _html(run: ReportRun, settings) -> str:
    return (settings.MEDIA_ROOT / run.html_file).read_text(encoding="utf-8")


@pytest.fixture
def theme(small_plan):
    return small_plan.strategy.themes.get(number=1)


def test_the_approved_story_is_printed_after_the_theme_heading(
    small_plan, theme, editors, settings, build_run
):
    _approve(theme, editors, APPROVED)
    html = _html(build_run(), settings)
    section = html.split('id="theme-1"', 1)[1].split('id="theme-2"', 1)[0]
    assert "How the theme went in 2024" in section
    assert APPROVED in section
    assert section.index(APPROVED) < section.index("Our ambition by 2030")
    assert "<li>40 people</li>" in section


def test_a_rebuild_of_a_published_edition_prints_the_words_it_was_published_with(
    small_plan, theme, editors, settings, build_run
):
    _approve(theme, editors, APPROVED)
    preview = build_run()
    preview_sha256 = preview.html_sha256
    published = report_publish(run=preview, user=editors[0])
    _approve(theme, editors, CORRECTED)

    rebuilt = build_run()

    assert rebuilt.frozen_stories == published.frozen_stories
    assert APPROVED in _html(rebuilt, settings)
    assert CORRECTED not in _html(rebuilt, settings)
    # A rebuild is a preview (its cover says "Draft"): byte for byte the preview that was
    # published (the published file differs from it only on the cover, tests/reports/
    # test_final_edition.py).
    assert rebuilt.html_sha256 == preview_sha256


def test_an_edition_not_yet_published_takes_the_correction(
    small_plan, theme, editors, settings, build_run
):
    _approve(theme, editors, APPROVED)
    build_run()
    _approve(theme, editors, CORRECTED)
    html = _html(build_run(), settings)
    assert CORRECTED in html
    assert APPROVED not in html


def test_a_story_waiting_for_approval_is_not_printed(
    small_plan, theme, editors, settings, build_run
):
    story_write(
        theme=theme,
        year=2024,
        user=editors[0],
        data={"why_it_matters_en": "Not approved yet."},
        base_version=0,
        submit=True,
    )
    run = build_run()
    assert "Not approved yet." not in _html(run, settings)
    assert run.frozen_stories == {}


def test_the_welsh_edition_prints_the_welsh_and_marks_english_it_falls_back_to(
    small_plan, theme, editors, settings, build_run
):
    _approve(theme, editors, APPROVED, welsh="Arhosodd naw o bob deg am flwyddyn.")
    html = _html(build_run("cy"), settings)
    assert "Arhosodd naw o bob deg am flwyddyn." in html
    # The impact has no Welsh yet: its English shows, marked as English.
    assert '<div lang="en"><ul class=""><li>40 people</li></ul></div>' in html
