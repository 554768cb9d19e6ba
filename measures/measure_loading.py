"""Loading the progress measures and their historical figures from fixtures; safe to run again.

fixtures/measures-<plan>.json says, for each line of the plan's "How we'll measure progress",
whether it takes figures, statements or is no measure. fixtures/measures-2021-2022-figures.json
holds figures Social Care Wales published before the plan, word for word.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from actions.models import DeliveryPlan, MeasurementLine
from measures.models import FigureStatus, MeasureFigure, MeasureKind, ProgressMeasure
from measures.periods import parse_period
from themes.models import ThemeStory

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
HISTORICAL_FIGURES = FIXTURES / "measures-2021-2022-figures.json"
NOT_A_MEASURE = "none"


class MeasuresFixtureError(ValueError):
    """The fixture does not match the plan in the database; the message names the line."""


@dataclass
class LoadCounts:
    measures_added: int = 0
    measures_changed: int = 0
    figures_added: int = 0
    figures_linked: int = 0


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _line_key(line: MeasurementLine) -> tuple[int, str, str]:
    parent = line.parent.text_en if line.parent_id else ""
    return (line.theme.number, parent, line.text_en)


def _entry_key(entry: dict) -> tuple[int, str, str]:
    return (entry["theme"], entry.get("part_of", ""), entry["text"])


def _find_line(plan: DeliveryPlan, entry: dict) -> MeasurementLine:
    lines = {
        _line_key(line): line
        for line in MeasurementLine.objects.filter(plan=plan).select_related("theme", "parent")
    }
    line = lines.get(_entry_key(entry))
    if line is None:
        raise MeasuresFixtureError(
            f"Theme {entry['theme']}: no measurement line “{entry['text']}” in plan {plan.slug}."
        )
    return line


@transaction.atomic
def measures_load(*, path: Path, counts: LoadCounts | None = None) -> LoadCounts:
    """One ProgressMeasure per line the fixture classes as figure or statement.

    Every line of the plan must be in the fixture and every fixture line in the plan, so a
    changed plan text cannot leave a line silently unclassified.
    """
    counts = counts or LoadCounts()
    document = _read(path)
    plan = DeliveryPlan.objects.get(slug=document["plan"])
    lines = {
        _line_key(line): line
        for line in MeasurementLine.objects.filter(plan=plan).select_related("theme", "parent")
    }
    entries = {_entry_key(entry): entry for entry in document["lines"]}
    for key in lines.keys() - entries.keys():
        raise MeasuresFixtureError(f"Theme {key[0]}: “{key[2]}” is not classified in {path.name}.")
    for key, entry in entries.items():
        line = lines.get(key)
        if line is None:
            raise MeasuresFixtureError(
                f"Theme {key[0]}: no measurement line “{key[2]}” in plan {plan.slug}."
            )
        if entry["kind"] not in {*MeasureKind.values, NOT_A_MEASURE}:
            raise MeasuresFixtureError(f"Theme {key[0]}: unknown kind “{entry['kind']}”.")
        if entry["kind"] == NOT_A_MEASURE:
            continue
        measure = ProgressMeasure.objects.filter(line=line).first()
        if measure is None:
            ProgressMeasure.objects.create(line=line, kind=entry["kind"])
            counts.measures_added += 1
        elif measure.kind != entry["kind"] and not _has_entries(measure):
            measure.kind = entry["kind"]
            measure.save()
            counts.measures_changed += 1
    return counts


def _has_entries(measure: ProgressMeasure) -> bool:
    """A measure with recorded figures or statements keeps its kind: they would be orphaned."""
    return measure.figures.exists() or measure.statements.exists()


@transaction.atomic
def historical_figures_load(
    *, path: Path = HISTORICAL_FIGURES, counts: LoadCounts | None = None
) -> LoadCounts:
    """The figures published before the plan; a figure already there (same period and wording)
    is left as it is, so a correction made by staff stays."""
    counts = counts or LoadCounts()
    for figure_set in _read(path)["sets"]:
        plan = DeliveryPlan.objects.get(slug=figure_set["plan"])
        measure = ProgressMeasure.objects.get(line=_find_line(plan, figure_set["measure"]))
        period = parse_period(figure_set["period"])
        for item in figure_set["figures"]:
            if MeasureFigure.objects.filter(
                measure=measure, period=period.code, unit_en=item["unit"]
            ).exists():
                continue
            figure = MeasureFigure(
                measure=measure,
                period=period.code,
                period_end=period.ends_on,
                value=Decimal(item["value"]),
                more_than=item["more_than"],
                unit_en=item["unit"],
                source_en=figure_set["source"],
                source_url=figure_set.get("source_url", ""),
                notes_en=figure_set.get("notes", ""),
                status=FigureStatus.FINAL,
            )
            figure.full_clean()
            figure.save()
            counts.figures_added += 1
        _link_story(measure, figure_set, counts)
    return counts


def _link_story(measure: ProgressMeasure, figure_set: dict, counts: LoadCounts) -> None:
    """Link the set's figures to the theme's story of its year, once that story is loaded
    (themes' load_theme_stories); until then they stand alone."""
    story = ThemeStory.objects.filter(
        theme=measure.line.theme, year=figure_set.get("story_year")
    ).first()
    if story is None:
        return
    units = [item["unit"] for item in figure_set["figures"]]
    for figure in MeasureFigure.objects.filter(
        measure=measure, period=figure_set["period"], unit_en__in=units
    ).exclude(stories=story):
        figure.stories.add(story)
        counts.figures_linked += 1
