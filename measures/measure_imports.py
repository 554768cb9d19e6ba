"""Progress measure figures from a CSV or Excel file: this app's columns over core.importing's
runner, as indicator values are (measures/imports.py): all rows or none."""

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actions.selectors import plan_current
from core.importing import ImportReport, date_cell, rows_import
from measures.imports import number_column
from measures.measure_selectors import measure_list
from measures.measure_services import measure_figure_record, measure_statement_record

FIGURE_COLUMNS = [
    "measure",
    "period",
    "value",
    "unit_en",
    "source_en",
    "more_than",
    "source_url",
    "notes_en",
    "status",
]
_YES = {"yes", "true", "1", "y"}
_NO = {"", "no", "false", "0", "n"}


STATEMENT_COLUMNS = ["measure", "stated_on", "text_en", "text_cy"]


def _measure_finder():
    """The plan in force's measures by code, such as 2.1 (the code is on the measure's page)."""
    plan = plan_current()
    measures = {m.code: m for m in measure_list(plan=plan)} if plan else {}

    def measure_of(row: dict[str, str]):
        measure = measures.get(row.get("measure", ""))
        if measure is None:
            raise ValidationError(
                {
                    "measure": _(
                        "No progress measure “{code}” in the plan in force. Use a code such as "
                        "2.1, shown on the measure's page."
                    ).format(code=row.get("measure"))
                }
            )
        return measure

    return measure_of


def measure_figures_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Each row is one figure of the measure its code names."""
    measure_of = _measure_finder()

    def apply_row(row: dict[str, str]) -> None:
        measure = measure_of(row)
        data = {k: row.get(k, "") for k in FIGURE_COLUMNS[1:]}
        value = number_column(data["value"])
        more_than = data["more_than"].lower()
        if more_than not in _YES | _NO:
            raise ValidationError({"more_than": _("Write yes or no, or leave it empty.")})
        data.update(value=value, more_than=more_than in _YES, status=data["status"] or "final")
        measure_figure_record(measure=measure, user=user, data=data)

    return rows_import(
        dataset=dataset, columns=FIGURE_COLUMNS, required=FIGURE_COLUMNS[:5], apply_row=apply_row
    )


def measure_statements_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Each row is one dated statement, in English and Welsh, of the measure its code names."""
    measure_of = _measure_finder()

    def apply_row(row: dict[str, str]) -> None:
        measure = measure_of(row)
        data = {k: row.get(k, "") for k in STATEMENT_COLUMNS[1:]}
        data["stated_on"] = date_cell(data["stated_on"], column="stated_on")
        measure_statement_record(measure=measure, user=user, data=data)

    return rows_import(
        dataset=dataset, columns=STATEMENT_COLUMNS, required=STATEMENT_COLUMNS, apply_row=apply_row
    )
