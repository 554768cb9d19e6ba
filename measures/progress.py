"""Each indicator with its judgement and chart, computed from already-fetched rows.

Pass indicators from ``measures.selectors`` (which prefetch the observations and breakdowns):
nothing here queries the database, so a page costs the same number of queries however many
values it shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from measures.charts import Chart, indicator_chart, indicator_values_in_words
from measures.judgement import IndicatorJudgement, Judgement, judge_indicator
from measures.models import Indicator


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    judgement: IndicatorJudgement
    chart: Chart | None
    # The values in a sentence, for an indicator with too few values for a chart.
    values_text: str = ""

    @property
    def theme(self):
        return self.indicator.theme

    @property
    def state(self) -> Judgement:
        return self.judgement.judgement


def indicator_progress(
    indicators: Iterable[Indicator], *, charts: bool = True
) -> list[IndicatorProgress]:
    items = []
    for indicator in indicators:
        chart = indicator_chart(indicator) if charts else None
        items.append(
            IndicatorProgress(
                indicator,
                judge_indicator(indicator),
                chart,
                indicator_values_in_words(indicator) if charts and chart is None else "",
            )
        )
    return items


@dataclass(frozen=True)
class StateCount:
    state: Judgement
    count: int

    @property
    def label(self) -> str:
        return str(self.state.label)


def state_counts(items: Iterable[IndicatorProgress]) -> list[StateCount]:
    """How many indicators are in each state, in the order of ``Judgement``, zeros included.

    Every indicator is in exactly one state, so the counts add up to the number of items.
    The pages, the report and the dashboard all count with this.
    """
    counts = dict.fromkeys(Judgement, 0)
    for item in items:
        counts[item.state] += 1
    return [StateCount(state, count) for state, count in counts.items()]
