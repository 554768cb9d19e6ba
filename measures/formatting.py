"""Indicator values in words and figures, in the active language.

Whole values show without decimals ("65", not "65.00"), others without trailing zeros
("41.5"), and thousands are grouped ("2,502").
"""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from measures.periods import parse_period


def _decimal(value: Decimal | int | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _plural_count(value: Decimal) -> int:
    # A fraction takes the "other" plural form in English and Welsh, which 0 selects in both.
    value = abs(value)
    return int(value) if value == value.to_integral_value() else 0


def format_number(value: Decimal | int | str) -> str:
    """A number without trailing zeros, with grouped thousands: 2502.00 -> "2,502"."""
    number = _decimal(value)
    number = (
        number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    )
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def value_short(value: Decimal | int | str, unit: str) -> str:
    """A value for tables and chart labels: "65%", "2,502"."""
    if unit == "percent":
        return _("{value}%").format(value=format_number(value))
    return format_number(value)


def value_words(value: Decimal | int | str, unit: str) -> str:
    """A value for sentences: "65 per cent", "2 years", "2,502"."""
    number = _decimal(value)
    if unit == "percent":
        return _("{value} per cent").format(value=format_number(number))
    if unit == "years":
        return ngettext("{value} year", "{value} years", _plural_count(number)).format(
            value=format_number(number)
        )
    return format_number(number)


def amount_words(amount: Decimal | int | str, unit: str) -> str:
    """A difference between two values: "2 percentage points", "1 year", "98"."""
    number = abs(_decimal(amount))
    if unit == "percent":
        return ngettext(
            "{value} percentage point", "{value} percentage points", _plural_count(number)
        ).format(value=format_number(number))
    return value_words(number, unit)


def change_words(change: Decimal | int | str, unit: str) -> str:
    """A change from the baseline: "up 3 percentage points", "down 2", "no change"."""
    number = _decimal(change)
    if number > 0:
        return _("up {amount}").format(amount=amount_words(number, unit))
    if number < 0:
        return _("down {amount}").format(amount=amount_words(number, unit))
    return _("no change")


def period_label(code: str) -> str:
    """The period in words: "2023", "December 2023", "2022 to 2023"."""
    try:
        return parse_period(code).label()
    except ValueError:
        return code
