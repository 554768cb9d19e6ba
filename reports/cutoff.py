"""Which cut-off dates a report for a year may have: the one rule the form, the service and the
build_report command all apply."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def cutoff_error(*, year: int | None, as_at: datetime.date) -> str | None:
    """Why ``as_at`` cannot be the cut-off of the report for ``year``, or None if it can.

    A report for a year covers progress up to the end of that year, so its cut-off is 31
    December of the year or later, and never in the future (nothing can be read as it will
    stand). ``year`` None checks only the future.
    """
    today = timezone.localdate()
    if year is not None and as_at < year_end(year):
        if year_end(year) > today:
            return _(
                "The report for {year} covers progress up to the end of {year}, so it can be "
                "built from {end}, once the year has ended."
            ).format(year=year, end=formats.date_format(year_end(year), "j F Y"))
        return _(
            "The report for {year} covers progress up to the end of {year}. Enter a cut-off "
            "date of {end} or later."
        ).format(year=year, end=formats.date_format(year_end(year), "j F Y"))
    if as_at > today:
        return _(
            "The cut-off date cannot be in the future. Enter {today} or an earlier date."
        ).format(today=formats.date_format(today, "j F Y"))
    return None
