"""Indicator values from a CSV or Excel file: this app's columns over core.importing's runner."""

from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actions.selectors import plan_current
from core.importing import ImportReport, date_cell, rows_import
from measures.models import Indicator
from measures.services import observation_record

OBSERVATION_COLUMNS = [
    "indicator",
    "period",
    "value",
    "breakdown",
    "breakdown_label_en",
    "source_en",
    "notes_en",
    "status",
    "release_date",
]
# Far beyond any value the tracker holds; keeps Decimal arithmetic on a row cheap.
MAX_EXPONENT = 30


def _number(text: str) -> Decimal | None:
    """A finite number written in digits (commas allowed), or None.

    Decimal reads "NaN", "Infinity" and "1e999999" too; none of them is a value to record.
    """
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value.adjusted()) > MAX_EXPONENT:
        return None
    return value


def number_column(text: str) -> Decimal:
    """The value column's number, or a ValidationError naming the column."""
    value = _number(text)
    if value is None:
        raise ValidationError(
            {
                "value": _(
                    "“{value}” is not a number. Write the value in digits, such as 1234 or 56.7."
                ).format(value=text)
            }
        )
    return value


def observations_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Each row is one indicator value; the indicator is named by its code, such as 1.1.

    Codes repeat from plan to plan, so they name the indicators of the plan in force.
    """
    plan = plan_current()
    indicators = {i.code: i for i in Indicator.objects.filter(plan=plan).select_related("theme")}

    def apply_row(row: dict[str, str]) -> None:
        indicator = indicators.get(row.get("indicator", ""))
        if indicator is None:
            raise ValidationError(
                {
                    "indicator": _(
                        "No indicator “{code}” in the plan in force ({plan}). Use a "
                        "code such as 1.1."
                    ).format(code=row.get("indicator"), plan=plan.slug if plan else "-")
                }
            )
        data = {k: row.get(k, "") for k in OBSERVATION_COLUMNS[1:]}
        data["value"] = number_column(data["value"])
        data["status"] = data["status"] or "final"
        data["release_date"] = date_cell(data["release_date"], column="release_date")
        observation_record(indicator=indicator, user=user, data=data)

    return rows_import(
        dataset=dataset,
        columns=OBSERVATION_COLUMNS,
        required=OBSERVATION_COLUMNS[:3],
        apply_row=apply_row,
    )
