"""Reads of progress measures: each measure with its latest figures, their trend, and its
statements, for the theme pages, the open data and the report."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.formatting import format_number, period_label
from measures.models import MeasureFigure, MeasureStatement, ProgressMeasure
from themes.models import ThemeStory


class Trend:
    """How the latest figure of a series compares with the one before, stated, not judged.

    A "more than" figure is a lower bound, so a change is stated only when it is certain
    whatever the true values above the bounds are.
    """

    FIRST = "first"
    UP = "up"
    DOWN = "down"
    SAME = "same"
    UNCERTAIN = "uncertain"


def figure_words(figure: MeasureFigure) -> str:
    """ "more than 300,000", or "6,200"."""
    number = format_number(figure.value)
    return _("more than {value}").format(value=number) if figure.more_than else number


def _trend(latest: MeasureFigure, previous: MeasureFigure | None) -> str:
    if previous is None:
        return Trend.FIRST
    new, old = latest.value, previous.value
    if not latest.more_than and not previous.more_than and new == old:
        return Trend.SAME
    # The latest is certainly higher when the earlier figure is exact and the latest's bound
    # is above it (or equals it and the latest is "more than" it); lower, the other way round.
    if not previous.more_than and (new > old or (latest.more_than and new == old)):
        return Trend.UP
    if not latest.more_than and (new < old or (previous.more_than and new == old)):
        return Trend.DOWN
    return Trend.UNCERTAIN


@dataclass
class FigureSeries:
    """The figures of one measure that count the same thing, in time order."""

    figures: list[MeasureFigure]

    @property
    def latest(self) -> MeasureFigure:
        return self.figures[-1]

    @property
    def previous(self) -> MeasureFigure | None:
        return self.figures[-2] if len(self.figures) > 1 else None

    @property
    def trend(self) -> str:
        return _trend(self.latest, self.previous)

    def trend_words(self) -> str:
        """The trend in words, in the active language; never a colour alone."""
        previous = self.previous
        if previous is None:
            return _("First figure recorded")
        values = {"previous": figure_words(previous), "period": period_label(previous.period)}
        return {
            Trend.UP: _("Higher than in {period} ({previous})"),
            Trend.DOWN: _("Lower than in {period} ({previous})"),
            Trend.SAME: _("The same as in {period} ({previous})"),
            Trend.UNCERTAIN: _(
                "Compared with {previous} in {period}: a “more than” figure is a lower limit, "
                "so no change is stated"
            ),
        }[self.trend].format(**values)


@dataclass
class MeasureSummary:
    measure: ProgressMeasure
    series: list[FigureSeries] = field(default_factory=list)
    statements: list[MeasureStatement] = field(default_factory=list)

    @property
    def latest_statement(self) -> MeasureStatement | None:
        return self.statements[-1] if self.statements else None

    @property
    def latest_period(self) -> str | None:
        """The most recent period with figures; the series show each one's latest."""
        if not self.series:
            return None
        return max((s.latest for s in self.series), key=lambda f: f.period_end).period

    @property
    def has_entries(self) -> bool:
        return bool(self.series or self.statements)


def measure_summaries(
    *,
    measures: Iterable[ProgressMeasure],
    figures: Iterable[MeasureFigure],
    statements: Iterable[MeasureStatement],
) -> list[MeasureSummary]:
    """Group figures into series (by measure and what they count) and statements by measure.

    Takes the rows rather than reading them, so the report can pass rows as at its cut-off.
    """
    summaries = {m.pk: MeasureSummary(measure=m) for m in measures}
    series: dict[tuple[int, str], list[MeasureFigure]] = {}
    for figure in sorted(figures, key=lambda f: (f.period_end, f.pk)):
        if figure.measure_id in summaries:
            key = (figure.measure_id, (figure.unit_en or "").casefold())
            series.setdefault(key, []).append(figure)
    for (measure_id, _unit), items in series.items():
        summaries[measure_id].series.append(FigureSeries(figures=items))
    for statement in sorted(statements, key=lambda s: (s.stated_on, s.pk)):
        if statement.measure_id in summaries:
            summaries[statement.measure_id].statements.append(statement)
    return list(summaries.values())


def measure_list(*, plan=None, theme=None) -> QuerySet[ProgressMeasure]:
    """The measures in the plan's order, with their line, theme and plan."""
    queryset = ProgressMeasure.objects.select_related(
        "line", "line__theme", "line__plan", "line__parent"
    )
    if plan is not None:
        queryset = queryset.filter(line__plan=plan)
    if theme is not None:
        queryset = queryset.filter(line__theme=theme)
    return queryset.order_by("line__plan__start_year", "line__theme__number", "line__position")


def measures_of_theme(*, plan, theme) -> list[MeasureSummary]:
    """A theme's measures with everything recorded against them, for its page."""
    measures = list(measure_list(plan=plan, theme=theme))
    return measure_summaries(
        measures=measures,
        figures=MeasureFigure.objects.filter(measure__in=measures),
        statements=MeasureStatement.objects.filter(measure__in=measures),
    )


def measure_results(*, plan, as_at: datetime.date, rows_as_at=None) -> list[MeasureSummary]:
    """Each measure of the plan with the figures and statements recorded by the end of the
    as-at day, for periods (and dates) up to it: what a report as at that date shows.

    ``rows_as_at(model, cutoff, **filters)``, when given, reads each row as it stood at the
    cut-off (the report passes reports.as_at.rows_as_at), so a later correction does not
    change a rebuilt edition; without it the rows are read as they are now.
    """
    cutoff = timezone.make_aware(datetime.datetime.combine(as_at, datetime.time.max))
    measures = list(measure_list(plan=plan))
    if rows_as_at is None:
        figures = MeasureFigure.objects.filter(measure__in=measures)
        statements = MeasureStatement.objects.filter(measure__in=measures)
    else:
        figures = rows_as_at(MeasureFigure, cutoff, measure__line__plan=plan)
        statements = rows_as_at(MeasureStatement, cutoff, measure__line__plan=plan)
    # Figures loaded from a report published before the tracker (no one recorded them here)
    # count whenever they were loaded, as the plan's baselines do.
    return measure_summaries(
        measures=measures,
        figures=[
            f
            for f in figures
            if (f.recorded_by_id is None or f.created_at <= cutoff) and f.period_end <= as_at
        ],
        statements=[s for s in statements if s.created_at <= cutoff and s.stated_on <= as_at],
    )


def measure_detail(*, pk: int) -> QuerySet[ProgressMeasure]:
    return measure_list().filter(pk=pk)


def measure_story_choices(*, measure: ProgressMeasure) -> QuerySet[ThemeStory]:
    """The stories a figure of this measure may be shown in: its theme's, newest year first."""
    return ThemeStory.objects.filter(theme=measure.line.theme_id).select_related("theme")


def figures_of_stories(*, story_ids) -> dict[int, list[MeasureFigure]]:
    """The figures linked to each story, for its "our impact in figures" section (one query)."""
    linked: dict[int, list[MeasureFigure]] = {}
    through = MeasureFigure.stories.through.objects.filter(themestory_id__in=list(story_ids))
    for link in through.select_related("measurefigure__measure__line").order_by(
        "measurefigure__period_end", "measurefigure_id"
    ):
        linked.setdefault(link.themestory_id, []).append(link.measurefigure)
    return linked
