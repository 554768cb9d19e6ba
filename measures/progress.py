"""Each indicator with its judgement and chart, computed from already-fetched rows.

Pass indicators from ``measures.selectors`` (which prefetch the observations): nothing here
queries the database, so a page costs the same number of queries however many values it shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from measures.charts import Chart, indicator_chart
from measures.judgement import IndicatorJudgement, judge_indicator
from measures.models import Indicator


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    judgement: IndicatorJudgement
    chart: Chart | None

    @property
    def theme(self):
        return self.indicator.theme


def indicator_progress(
    indicators: Iterable[Indicator], *, charts: bool = True
) -> list[IndicatorProgress]:
    return [
        IndicatorProgress(
            indicator, judge_indicator(indicator), indicator_chart(indicator) if charts else None
        )
        for indicator in indicators
    ]
