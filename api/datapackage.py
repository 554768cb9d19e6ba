"""The bulk download's files and their Frictionless Data Package description.

Each CSV is listed once here with its columns' types; the zip, /data/datapackage.json and the
tests all read this list. The CSVs' own shapes stay in their apps (actions/open_data.py,
measures/open_data.py, measures/measure_open_data.py); updates.csv and indicators.csv are
built in api/bulk.py.
"""

from dataclasses import dataclass

from django.conf import settings

from actions.open_data import CSV_HEADER as ACTION_COLUMNS
from api.licence import licence
from measures.measure_open_data import CSV_HEADER as MEASURE_COLUMNS
from measures.open_data import SERIES_COLUMNS

INDICATOR_COLUMNS = (*SERIES_COLUMNS, "provisional")
UPDATE_COLUMNS = (
    "plan",
    "action",
    "quarter",
    "status",
    "status_label",
    "summary_en",
    "summary_cy",
    "next_steps",
    "status_reason",
    "revised_target_date",
    "date_change_reason",
    "approved_on",
    "url",
    "reports_for",
)

# Columns that are not text. Every other column is a string; an empty cell is a missing value.
_TYPES = {
    "number": "integer",
    "theme": "integer",
    "target_date": "date",
    "baseline": "boolean",
    "period_start": "date",
    "period_end": "date",
    "value": "number",
    "release_date": "date",
    "revised": "boolean",
    "provisional": "boolean",
    "action": "integer",
    "revised_target_date": "date",
    "approved_on": "date",
    "date": "date",
}
# measures.csv writes Python's True and False for "more than" figures.
_BOOLEAN_WORDS = {"trueValues": ["true", "True"], "falseValues": ["false", "False"]}


@dataclass(frozen=True)
class CsvFile:
    name: str
    title: str
    columns: tuple[str, ...]
    # Columns typed apart from _TYPES in this file (measures.csv's "more_than" is a boolean).
    own_types: tuple[tuple[str, str], ...] = ()


FILES = (
    CsvFile("actions", "Actions of every delivery plan", tuple(ACTION_COLUMNS)),
    CsvFile("indicators", "Indicator values, one row per value", INDICATOR_COLUMNS),
    CsvFile("updates", "Approved progress updates, in English and Welsh", UPDATE_COLUMNS),
    CsvFile(
        "measures",
        "Progress measures' figures and statements",
        tuple(MEASURE_COLUMNS),
        (("more_than", "boolean"),),
    ),
)


def _field(column: str, own: dict) -> dict:
    kind = own.get(column) or _TYPES.get(column, "string")
    field = {"name": column, "type": kind}
    if kind == "boolean":
        field.update(_BOOLEAN_WORDS)
    return field


def datapackage() -> dict:
    """datapackage.json: each file's fields and types, and the licence. Paths are relative, so
    the same description serves the zip and the files at /data/."""
    return {
        "profile": "tabular-data-package",
        "name": "workforce-strategy-tracker",
        "title": "Health and Social Care Workforce Strategy tracker: open data",
        "homepage": settings.SITE_URL,
        "licenses": [licence()],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": csv_file.name,
                "title": csv_file.title,
                "path": f"{csv_file.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                # Each file starts with a byte order mark, so spreadsheets read it as UTF-8.
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [_field(c, dict(csv_file.own_types)) for c in csv_file.columns],
                    "missingValues": [""],
                },
            }
            for csv_file in FILES
        ],
    }
