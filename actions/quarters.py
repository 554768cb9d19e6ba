"""Reporting quarters, written 2025-Q1 (January to March 2025) to 2025-Q4 (October to December)."""

import datetime
import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
QUARTER_FORMAT_HELP = "YYYY-Qn, for example 2025-Q1 for January to March 2025"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def ends_on(self) -> datetime.date:
        if self.number == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.number + 1, 1) - datetime.timedelta(days=1)

    def label(self) -> str:
        return _("{start} to {end}").format(
            start=formats.date_format(self.starts_on, "F"),
            end=formats.date_format(self.ends_on, "F Y"),
        )

    def __str__(self) -> str:
        return self.code


def quarter_of(day: datetime.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def parse_quarter(code: str) -> Quarter:
    match = _QUARTER.match((code or "").strip())
    if not match:
        raise ValueError(f"{code!r} is not a quarter. Use {QUARTER_FORMAT_HELP}.")
    return Quarter(int(match.group(1)), int(match.group(2)))


def recent_quarters(today: datetime.date, count: int = 8) -> list[Quarter]:
    """The current quarter and those before it, newest first: the choices for an update."""
    quarter = quarter_of(today)
    result = []
    for _i in range(count):
        result.append(quarter)
        year, number = (
            (quarter.year, quarter.number - 1)
            if quarter.number > 1
            else (
                quarter.year - 1,
                4,
            )
        )
        quarter = Quarter(year, number)
    return result
