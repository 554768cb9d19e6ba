"""The strategy and the plan in force: one rule each, with the same tie-breaker."""

import pytest

from actions.filters import ActionFilter
from actions.selectors import plan_current, plans_latest_first
from tests.factories import DeliveryPlanFactory, StrategyFactory, ThemeFactory
from themes.selectors import strategy_current, theme_get, themes_current

# The rules are tested on strategies and plans made here, without the session's real plan.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_plan")]


def _strategy(slug: str, start_year: int):
    return StrategyFactory(slug=slug, title_en=slug, start_year=start_year, end_year=2040)


def test_no_strategy_means_no_current_strategy_and_no_plan():
    assert strategy_current() is None
    assert plan_current() is None


def test_the_latest_strategy_by_start_year_is_current_whatever_order_it_came_in():
    later = _strategy("later", 2030)
    _strategy("earlier", 2020)  # loaded after the later one
    assert strategy_current() == later


def test_two_strategies_starting_the_same_year_the_one_loaded_last_is_current():
    _strategy("first-loaded", 2030)
    second = _strategy("second-loaded", 2030)
    assert strategy_current() == second


def test_current_themes_and_a_theme_page_belong_to_the_current_strategy():
    old, new = _strategy("old", 2020), _strategy("new", 2030)
    ThemeFactory(strategy=old, number=1)
    current_theme = ThemeFactory(strategy=new, number=1)
    assert list(themes_current()) == [current_theme]
    assert theme_get(number=1) == current_theme
    # The action list's theme filter offers the same themes.
    assert list(ActionFilter().form.fields["theme"].queryset) == [current_theme]


def test_two_plans_starting_the_same_year_the_one_loaded_last_is_in_force():
    strategy = _strategy("current", 2020)
    DeliveryPlanFactory(slug="first-loaded", strategy=strategy, start_year=2024)
    second = DeliveryPlanFactory(slug="second-loaded", strategy=strategy, start_year=2024)
    DeliveryPlanFactory(slug="older", strategy=strategy, start_year=2021, end_year=2023)
    assert plan_current() == second
    assert [p.slug for p in plans_latest_first()] == ["second-loaded", "first-loaded", "older"]


def test_the_plan_in_force_is_the_current_strategys_even_if_an_older_strategy_has_a_later_plan():
    old, new = _strategy("old", 2020), _strategy("new", 2030)
    DeliveryPlanFactory(slug="old-strategy-late-plan", strategy=old, start_year=2032, end_year=2034)
    in_force = DeliveryPlanFactory(
        slug="new-strategy-plan", strategy=new, start_year=2031, end_year=2033
    )
    assert plan_current() == in_force
