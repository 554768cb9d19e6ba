"""The freshness rule (measures/freshness.py), read directly with a fixed clock."""

import datetime

import pytest

from measures.freshness import (
    Frequency,
    FreshnessState,
    StaleBecause,
    add_years,
    series_freshness,
    whole_years,
)

TODAY = datetime.date(2026, 6, 30)
DAY = datetime.timedelta(days=1)


def _freshness(**kwargs):
    values = {"frequency": "", "next_release": None, "latest_on": None, "today": TODAY}
    return series_freshness(**(values | kwargs))


def test_next_release_more_than_90_days_past_is_stale_with_that_date():
    expected = TODAY - datetime.timedelta(days=91)
    freshness = _freshness(frequency=Frequency.ANNUAL, next_release=expected, latest_on=TODAY)
    assert freshness.state == FreshnessState.STALE
    assert freshness.is_stale
    assert freshness.because == StaleBecause.NEXT_RELEASE_PASSED
    assert freshness.expected_on == expected


def test_next_release_exactly_90_days_past_is_not_yet_stale():
    expected = TODAY - datetime.timedelta(days=90)
    freshness = _freshness(frequency=Frequency.ANNUAL, next_release=expected, latest_on=TODAY)
    assert freshness.state == FreshnessState.UP_TO_DATE
    assert freshness.expected_on == expected


def test_next_release_alone_is_enough_to_judge_without_a_frequency():
    late = _freshness(next_release=TODAY - 100 * DAY)
    assert late.state == FreshnessState.STALE
    due = _freshness(next_release=TODAY + 10 * DAY)
    assert due.state == FreshnessState.UP_TO_DATE
    assert due.expected_on == TODAY + 10 * DAY


@pytest.mark.parametrize(("frequency", "years"), [(Frequency.ANNUAL, 1), (Frequency.BIENNIAL, 2)])
def test_no_value_within_the_frequency_plus_90_days_is_stale(frequency, years):
    due = TODAY - 91 * DAY
    latest = add_years(due, -years)
    freshness = _freshness(frequency=frequency, latest_on=latest)
    assert freshness.state == FreshnessState.STALE
    assert freshness.because == StaleBecause.NO_RECENT_VALUE
    assert freshness.expected_on == due
    assert freshness.latest_on == latest


@pytest.mark.parametrize(("frequency", "years"), [(Frequency.ANNUAL, 1), (Frequency.BIENNIAL, 2)])
def test_a_value_within_the_frequency_plus_90_days_is_up_to_date(frequency, years):
    due = TODAY - 90 * DAY
    freshness = _freshness(frequency=frequency, latest_on=add_years(due, -years))
    assert freshness.state == FreshnessState.UP_TO_DATE
    assert freshness.expected_on == due


def test_a_future_next_release_does_not_hide_a_missing_value():
    """Either condition makes a series stale: the rule is an "or"."""
    freshness = _freshness(
        frequency=Frequency.ANNUAL,
        next_release=TODAY + 30 * DAY,
        latest_on=TODAY - datetime.timedelta(days=365 + 100),
    )
    assert freshness.state == FreshnessState.STALE
    assert freshness.because == StaleBecause.NO_RECENT_VALUE


def test_a_series_with_no_value_counts_from_when_it_was_set():
    since = datetime.date(2024, 6, 6)
    freshness = _freshness(frequency=Frequency.ANNUAL, tracked_since=since)
    assert freshness.state == FreshnessState.STALE
    assert freshness.expected_on == datetime.date(2025, 6, 6)
    assert freshness.latest_on is None
    recent = _freshness(frequency=Frequency.ANNUAL, tracked_since=TODAY - 30 * DAY)
    assert recent.state == FreshnessState.UP_TO_DATE


def test_an_ad_hoc_series_is_never_stale_but_shows_its_age_from_two_years():
    long_ago = datetime.date(2020, 1, 1)
    old = _freshness(frequency=Frequency.AD_HOC, latest_on=long_ago, next_release=long_ago)
    assert old.state == FreshnessState.AD_HOC
    assert not old.is_stale
    assert old.age_years == 6
    two = _freshness(frequency=Frequency.AD_HOC, latest_on=add_years(TODAY, -2))
    assert two.age_years == 2
    young = _freshness(frequency=Frequency.AD_HOC, latest_on=add_years(TODAY, -2) + DAY)
    assert young.state == FreshnessState.AD_HOC
    assert young.age_years is None


def test_nothing_to_judge_by_is_not_recorded_never_up_to_date():
    assert _freshness().state == FreshnessState.NOT_RECORDED
    assert _freshness(latest_on=TODAY - 1000 * DAY).state == FreshnessState.NOT_RECORDED
    # A frequency but neither a value nor a date the series was set from.
    assert _freshness(frequency=Frequency.ANNUAL).state == FreshnessState.NOT_RECORDED


def test_years_are_counted_on_the_calendar():
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert whole_years(datetime.date(2024, 7, 1), TODAY) == 1
    assert whole_years(datetime.date(2024, 6, 30), TODAY) == 2
