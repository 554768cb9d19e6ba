# ruff: noqa: F401, F811 (pytest fixtures imported from tests.measures.progress_fixtures)
"""The 2021 to 2022 figures of the annual report's outcome page, loaded word for word as
historical figures of the WeCare Wales measure, with their "more than" and their source."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from measures.models import MeasureFigure
from tests.conftest import ROOT
from tests.measures.progress_fixtures import measures_loaded, wecare
from themes.models import ThemeStory

pytestmark = pytest.mark.django_db

SOURCE = ROOT / "fixtures" / "sources" / "annual-report-2021-2022-attract-recruit-retain.txt"
SEED = ROOT.parent / "shared" / "seeds" / "002_0e511dd1b66671ba.txt"


def _bullets() -> tuple[str, list[str]]:
    """The sentence that ends "There were more than:" and the bullets under it, from the page."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    (lead,) = [line for line in lines if line.endswith("There were more than:")]
    bullets = [line.strip()[2:] for line in lines if line.strip().startswith("• ")]
    return lead, bullets


def test_the_source_is_the_seed_page_unchanged():
    if SEED.exists():
        assert SOURCE.read_bytes() == SEED.read_bytes()
    _lead, bullets = _bullets()
    assert len(bullets) == 4


def test_each_bullet_is_a_more_than_figure_of_the_wecare_measure_word_for_word(
    wecare,
):
    lead, bullets = _bullets()
    figures = list(wecare.figures.order_by("pk"))
    assert len(figures) == len(bullets)
    for figure, bullet in zip(figures, bullets, strict=True):
        number, words = re.fullmatch(r"([\d,]+) (.+)", bullet).groups()
        assert figure.value == int(number.replace(",", ""))
        # The last bullet's full stop ends its sentence; it is not part of what is counted.
        assert figure.unit_en == words.removesuffix(".")
        # "There were more than:" stands before the list, so every figure is "more than".
        assert figure.more_than is True
        assert (figure.period, figure.status) == ("2021-22", "final")
        # The sentence before "There were more than:", which says what the figures cover.
        assert figure.notes_en == lead.removesuffix(" There were more than:")
        page_title = SOURCE.read_text(encoding="utf-8").splitlines()[1]
        assert figure.source_en.endswith(page_title)
        assert "2021 to 2022" in figure.source_en


def test_loading_again_adds_nothing_and_keeps_a_correction(wecare):
    figure = wecare.figures.get(unit_en="jobs posted on the jobs portal")
    MeasureFigure.objects.filter(pk=figure.pk).update(notes_cy="Nodyn gan staff")
    call_command("load_measures", stdout=StringIO())
    assert wecare.figures.count() == 4
    figure.refresh_from_db()
    assert figure.notes_cy == "Nodyn gan staff"


def test_the_figures_link_to_the_2021_to_2022_story_once_it_is_loaded(wecare):
    call_command("load_theme_stories", stdout=StringIO())
    story = ThemeStory.objects.get(theme=wecare.line.theme, year=2021)
    call_command("load_measures", stdout=StringIO())
    assert sorted(story.measure_figures.values_list("value", flat=True)) == [
        50,
        6200,
        30000,
        300000,
    ]
