"""Is an indicator's series up to date? The rule, in plain words (issue 16).

A statistician's first check on a figure is whether a newer one should exist by now.

1. **Overdue (stale).** A series is overdue when either
   - its **expected next release** is more than 90 days past; or
   - **no value has come in** within its publication frequency plus 90 days: for an annual
     series, more than a year and 90 days after its latest value came in; for a biennial one,
     more than two years and 90 days.

   Exactly 90 days past is not yet overdue.
2. **When a value came in.** On its release date. Where the release date is not recorded, on
   the last day of its period: a figure cannot be published before its period ends, so this
   never calls a series up to date for longer than it is. A series with no value at all counts
   from the day the plan that set it was first published.
3. **Ad hoc series** have no schedule, so they are never overdue. Once their latest value is two
   years old, pages say how old it is.
4. **Nothing to judge by.** A series with no frequency and no expected next release (or a
   frequency but no date to count from) cannot be judged: it is shown as "Next release not
   recorded", never as up to date.

The date a page shows as expected is the expected next release when that is what is overdue,
otherwise the date a value was due by the frequency (the latest value's date plus a year, or
two).

``series_freshness`` only reads the dates it is given, with ``today`` passed in, so the rule is
tested with a fixed clock; ``indicator_freshness`` reads an Indicator's prefetched values.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

GRACE = datetime.timedelta(days=90)
AD_HOC_AGE_SHOWN_FROM_YEARS = 2


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    BIENNIAL = "biennial", _("Every two years")
    AD_HOC = "ad_hoc", _("Ad hoc")


# Years between releases, for the frequencies that have a schedule.
FREQUENCY_YEARS = {Frequency.ANNUAL: 1, Frequency.BIENNIAL: 2}


class FreshnessState(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("Up to date")
    STALE = "stale", _("Overdue")
    AD_HOC = "ad_hoc", _("Published ad hoc")
    NOT_RECORDED = "not_recorded", _("Next release not recorded")


class StaleBecause(models.TextChoices):
    NEXT_RELEASE_PASSED = "next_release", _("The expected next release is more than 90 days past")
    NO_RECENT_VALUE = "frequency", _("No value has come in within its frequency plus 90 days")


@dataclass(frozen=True)
class Freshness:
    state: FreshnessState
    # The release expected next (or overdue since); None where no schedule says.
    expected_on: datetime.date | None = None
    because: StaleBecause | None = None
    # When the latest value came in (rule 2), None if the series has no value yet.
    latest_on: datetime.date | None = None
    # For an ad hoc series whose latest value is at least two years old: its age in years.
    age_years: int | None = None
    # Whether ``latest_on`` is a recorded release date, not the end of the value's period.
    latest_is_release: bool = False

    @property
    def is_stale(self) -> bool:
        return self.state == FreshnessState.STALE


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def whole_years(since: datetime.date, today: datetime.date) -> int:
    years = today.year - since.year
    return years - 1 if add_years(since, years) > today else years


def series_freshness(
    *,
    frequency: str,
    next_release: datetime.date | None,
    latest_on: datetime.date | None,
    tracked_since: datetime.date | None = None,
    today: datetime.date,
) -> Freshness:
    """The freshness of a series by the rules at the top of this module.

    ``latest_on`` is when its latest value came in (see ``value_came_in``); ``tracked_since``
    stands in for it when the series has no value yet.
    """
    if frequency == Frequency.AD_HOC:
        old = latest_on is not None and whole_years(latest_on, today) >= AD_HOC_AGE_SHOWN_FROM_YEARS
        return Freshness(
            FreshnessState.AD_HOC,
            expected_on=next_release,
            latest_on=latest_on,
            age_years=whole_years(latest_on, today) if old else None,
        )
    due_by_frequency = None
    if frequency in FREQUENCY_YEARS and (latest_on or tracked_since):
        due_by_frequency = add_years(latest_on or tracked_since, FREQUENCY_YEARS[frequency])
    if next_release is not None and today - next_release > GRACE:
        return Freshness(
            FreshnessState.STALE, next_release, StaleBecause.NEXT_RELEASE_PASSED, latest_on
        )
    if due_by_frequency is not None and today - due_by_frequency > GRACE:
        return Freshness(
            FreshnessState.STALE, due_by_frequency, StaleBecause.NO_RECENT_VALUE, latest_on
        )
    expected = next_release or due_by_frequency
    if expected is None:
        return Freshness(FreshnessState.NOT_RECORDED, latest_on=latest_on)
    return Freshness(FreshnessState.UP_TO_DATE, expected_on=expected, latest_on=latest_on)


def value_came_in(observation) -> datetime.date:
    """When a value came in (rule 2): its release date, else the end of its period."""
    return observation.release_date or observation.period_end


def indicator_freshness(indicator, *, today: datetime.date) -> Freshness:
    """An Indicator's freshness from its prefetched values and its plan (no queries)."""
    latest = max(indicator.observations.all(), key=value_came_in, default=None)
    freshness = series_freshness(
        frequency=indicator.frequency,
        next_release=indicator.next_release,
        latest_on=value_came_in(latest) if latest is not None else None,
        tracked_since=indicator.plan.first_published,
        today=today,
    )
    if latest is not None and latest.release_date is not None:
        return dataclasses.replace(freshness, latest_is_release=True)
    return freshness


@dataclass(frozen=True)
class StaleIndicator:
    indicator: object
    freshness: Freshness


def stale_indicators(indicators: Iterable, *, today: datetime.date) -> list[StaleIndicator]:
    """The indicators (values prefetched) whose series is overdue, in the order given. The
    dashboard counts these and the indicators page lists them (?freshness=stale)."""
    judged = ((i, indicator_freshness(i, today=today)) for i in indicators)
    return [StaleIndicator(i, freshness) for i, freshness in judged if freshness.is_stale]
