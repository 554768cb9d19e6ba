"""Reporting periods of indicator values, written as short codes.

The plan gives baselines "in 2023", "in December 2023" and "in 2022 to 2023". They are stored
as codes so they sort, validate and translate:

- ``2023``: calendar year 2023
- ``2023-12``: the month December 2023
- ``2022-23``: financial year April 2022 to March 2023
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")

PERIOD_FORMAT_HELP = gettext_lazy("2023 (a year), 2023-12 (a month) or 2022-23 (a financial year)")


@dataclass(frozen=True)
class Period:
    code: str
    kind: str  # "year", "month" or "financial_year"
    starts_on: datetime.date
    ends_on: datetime.date

    def label(self) -> str:
        """The period in words, in the active language."""
        if self.kind == "year":
            return str(self.starts_on.year)
        if self.kind == "month":
            return formats.date_format(self.starts_on, "F Y")
        return _("{start} to {end}").format(start=self.starts_on.year, end=self.ends_on.year)


def parse_period(code: str) -> Period:
    """Parse a period code; raise ValueError with a message that says what is expected."""
    code = (code or "").strip()
    if match := _YEAR.match(code):
        year = int(match.group(1))
        return Period(code, "year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if match := _MONTH.match(code):
        year, month = int(match.group(1)), int(match.group(2))
        last_day = calendar.monthrange(year, month)[1]
        return Period(
            code, "month", datetime.date(year, month, 1), datetime.date(year, month, last_day)
        )
    if match := _FINANCIAL_YEAR.match(code):
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            raise ValueError(
                f"{code!r} is not a financial year: the second year must follow the first "
                f"(for example {start}-{(start + 1) % 100:02d})."
            )
        return Period(
            code, "financial_year", datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)
        )
    raise ValueError(f"{code!r} is not a period. Use {PERIOD_FORMAT_HELP}.")


# The earliest year a recorded value may be for: the strategy's figures start in the 2010s, and
# an earlier year ("0001", "1066") is a typing mistake.
EARLIEST_YEAR = 2010


def recorded_period(code: str) -> tuple[datetime.date | None, list[str]]:
    """For a value recorded for this period: the day the period ends (None if the code is no
    period) and what is wrong with it, in the active language. A value is for a period that
    has started; indicator values and progress measure figures both check it here."""
    try:
        period = parse_period(code)
    except ValueError:
        return None, [_("Enter the period as {formats}.").format(formats=PERIOD_FORMAT_HELP)]
    if period.starts_on.year < EARLIEST_YEAR:
        return period.ends_on, [
            _("The period {period} is before {year}. Enter a period from {year} on.").format(
                period=code, year=EARLIEST_YEAR
            )
        ]
    if period.starts_on > timezone.localdate():
        return period.ends_on, [
            _("The period {period} has not started yet. Enter a past period.").format(period=code)
        ]
    return period.ends_on, []
