"""One formatting home (measures.formatting): values with their unit and periods in words, in
English and Welsh, as the pages, the report and the charts show them."""

from decimal import Decimal

import pytest
from django.utils import translation

from measures.formatting import change_words, period_label, value_short, value_words


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("68.4%", "2,710", "7.25", "68.4 per cent", "December 2024", "2023 to 2024")),
        ("cy", ("68.4%", "2,710", "7.25", "68.4 y cant", "Rhagfyr 2024", "2023 i 2024")),
    ],
)
def test_values_have_their_unit_and_periods_are_in_words(language, expected):
    with translation.override(language):
        assert (
            value_short(Decimal("68.40"), "percent"),
            value_short(Decimal("2710.00"), "count"),
            value_short(Decimal("7.25"), "score"),
            value_words(Decimal("68.40"), "percent"),
            period_label("2024-12"),
            period_label("2023-24"),
        ) == expected


def test_whole_values_lose_their_decimals_and_a_year_stays_a_year():
    assert value_short(Decimal("65.00"), "percent") == "65%"
    assert period_label("2024") == "2024"
    assert change_words(Decimal("-2.50"), "percent") == "down 2.5 percentage points"
