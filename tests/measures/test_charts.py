"""Indicator charts (measures.charts) and the pages that show charts and judgements."""

import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import factory
import pytest
from django.utils import translation

from measures.charts import build_chart, indicator_chart, render_chart, values_in_words
from measures.models import Indicator
from measures.periods import parse_period
from tests.factories import IndicatorFactory, ObservationFactory
from themes.models import Theme

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Value:
    period: str
    period_end: datetime.date
    breakdown: str
    breakdown_label: str
    value: Decimal
    is_baseline: bool


def value(period, amount, *, baseline=False, breakdown="", label="") -> Value:
    return Value(
        period,
        parse_period(period).ends_on,
        breakdown,
        label,
        Decimal(str(amount)),
        baseline,
    )


def chart_of(*values: Value, unit="percent", chart_id="indicator-7-chart"):
    return build_chart(
        chart_id=chart_id,
        code="1.1",
        statement="an increase in how many of the workforce feel morale is good",
        unit=unit,
        observations=list(values),
    )


def parse_svg(markup: str) -> ET.Element:
    # Our own rendering, checked as XML: well-formed SVG is what the PDF report needs too.
    return ET.fromstring(markup)  # noqa: S314


def svg_of(chart) -> ET.Element:
    return parse_svg(str(render_chart(chart)))


def texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


REGISTRATION = [
    ("adult-care-homes", "Adult care home workforce", 52, 50),
    ("domiciliary-care", "Domiciliary care workforce", 43, 45),
    ("residential-child-care", "Residential child care workforce", 73, 70),
]


def registration_values() -> list[Value]:
    return [
        *(value("2023-12", b, baseline=True, breakdown=c, label=n) for c, n, b, _ in REGISTRATION),
        *(value("2024-12", v, breakdown=c, label=n) for c, n, _, v in REGISTRATION),
    ]


# The chart on its own


def test_chart_is_an_image_labelled_by_its_title_and_description():
    svg = svg_of(chart_of(value("2023", 65, baseline=True), value("2025", 68)))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert "1.1" in title.text
    assert "feel morale is good" in title.text


def test_description_says_where_the_series_started_and_ended_in_words():
    chart = chart_of(value("2023", 65, baseline=True), value("2024", 66), value("2025", 68))
    desc = svg_of(chart).find(f"{SVG}desc").text
    assert "From 65 per cent in 2023 to 68 per cent in 2025" in desc


def test_a_baseline_alone_is_stated_in_words_and_not_charted():
    baseline = value("2022-23", 2502, baseline=True)
    assert chart_of(baseline, unit="count") is None
    text = values_in_words(unit="count", observations=[baseline])
    assert "2,502 in 2022 to 2023" in text
    assert "not measured since the baseline" in text.lower()


def test_description_names_each_breakdown_with_its_own_figures():
    desc = svg_of(chart_of(*registration_values())).find(f"{SVG}desc").text
    for _code, name, baseline, latest in REGISTRATION:
        assert (
            f"{name}: from {baseline} per cent in December 2023 "
            f"to {latest} per cent in December 2024"
        ) in desc


def test_one_line_per_breakdown_each_with_its_own_marker_and_dash():
    chart = chart_of(*registration_values())
    svg = svg_of(chart)
    assert len(list(svg.iter(f"{SVG}path"))) == len(REGISTRATION)
    styles = {(s.style.marker, s.style.dash) for s in chart.series}
    assert len(styles) == len(REGISTRATION)
    assert len({s.style.marker for s in chart.series}) == len(REGISTRATION)
    assert len({s.style.dash for s in chart.series}) == len(REGISTRATION)


def test_each_line_is_labelled_directly_with_its_name_and_latest_value():
    words = " ".join(texts(svg_of(chart_of(*registration_values()))))
    for _code, name, _baseline, latest in REGISTRATION:
        assert all(part in words for part in name.split())
        assert f"{latest}%" in words


def test_baseline_points_are_hollow_and_later_points_filled():
    chart = chart_of(value("2023", 65, baseline=True), value("2025", 68))
    svg = svg_of(chart)
    line_colour = chart.series[0].style.colour
    markers = [m for m in svg.iter(f"{SVG}circle") if m.get("stroke") == line_colour]
    fills = [m.get("fill") for m in markers[:2]]
    assert fills[0] != line_colour
    assert fills[1] == line_colour
    assert "Baseline" in texts(svg)


def test_periods_run_in_time_order_whatever_order_they_come_in():
    chart = chart_of(value("2025", 3), value("2022-23", 1), value("2023-12", 2))
    assert [t.label for t in chart.x_ticks] == ["2022 to 2023", "December 2023", "2025"]
    xs = [float(t.x) for t in chart.x_ticks]
    assert xs == sorted(xs)


def test_higher_values_are_drawn_higher():
    chart = chart_of(value("2023", 10), value("2024", 90))
    first, second = chart.series[0].points
    assert float(second.marker.y) < float(first.marker.y)


def test_values_are_written_without_trailing_zeros():
    chart = chart_of(value("2023", "65.00", baseline=True), value("2024", "41.50"))
    words = texts(svg_of(chart))
    assert "65%" in words
    assert "41.5%" in words
    assert not any(".0" in w for w in words)


def test_chart_is_plain_svg_without_scripts_styles_or_links():
    markup = str(render_chart(chart_of(*registration_values())))
    for forbidden in ("<script", "style=", "href", "<image", "url("):
        assert forbidden not in markup


def test_data_table_has_a_row_per_period_and_a_column_per_breakdown():
    table = chart_of(*registration_values()).table
    assert [label for label, _lang in table.columns] == [n for _c, n, _b, _v in REGISTRATION]
    assert [row.period_label for row in table.rows] == ["December 2023", "December 2024"]
    assert [c.text for c in table.rows[1].cells] == [f"{v}%" for _c, _n, _b, v in REGISTRATION]
    assert all(c.is_baseline for c in table.rows[0].cells)


def test_no_values_means_no_chart():
    assert chart_of() is None


def test_values_in_a_single_period_are_stated_not_charted():
    # Theme 5's three registration baselines, all for December 2023: points, but no lines.
    baselines = [v for v in registration_values() if v.is_baseline]
    assert chart_of(*baselines) is None
    text = values_in_words(unit="percent", observations=baselines)
    assert "Adult care home workforce: 52 per cent in December 2023 (the baseline)" in text


def test_a_line_that_stops_early_has_no_leader_and_its_label_names_its_period():
    svg = svg_of(
        chart_of(
            value("2023", 33, baseline=True, breakdown="scw", label="Said Social Care Wales"),
            value("2023", 7, baseline=True, breakdown="canopi", label="Said Canopi"),
            value("2024", 36, breakdown="scw", label="Said Social Care Wales"),
            value("2025", "38.4", breakdown="scw", label="Said Social Care Wales"),
        )
    )
    leaders = [line for line in svg.iter(f"{SVG}line") if line.get("stroke") == "#505a5f"]
    # Only the line that reaches 2025 is joined to its label.
    assert len(leaders) == 1
    assert "7% in 2023" in texts(svg)
    assert "38.4%" in texts(svg)


def test_chart_periods_and_values_are_in_welsh_on_welsh_pages():
    with translation.override("cy"):
        svg = svg_of(chart_of(*registration_values()))
    words = texts(svg)
    assert "Rhagfyr 2023" in words
    assert "Rhagfyr 2024" in words


@pytest.mark.django_db
def test_chart_ids_are_unique_per_indicator():
    ids = set()
    for indicator in IndicatorFactory.create_batch(2):
        ObservationFactory(indicator=indicator, is_baseline=True)
        ObservationFactory(indicator=indicator, period="2024")
        svg = parse_svg(str(render_chart(indicator_chart(indicator))))
        ids |= {svg.get("id"), *(e.get("id") for e in svg.iter() if e.get("id"))}
    assert len(ids) == 6


# The pages


class _Page(HTMLParser):
    """Judgement tags, element ids and inline SVGs of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.svgs = 0
        self._in_tag = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "svg":
            self.svgs += 1
        self._in_tag = tag == "span" and "app-tag" in (attrs.get("class") or "").split()

    def handle_data(self, data):
        if self._in_tag:
            self.tags.append(data.strip())
            self._in_tag = False


def _page(client, url) -> tuple[str, _Page]:
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    page = _Page()
    page.feed(body)
    return body, page


JUDGEMENT_WORDS = {
    "Improving",
    "Worsening",
    "No clear change",
    "Not measured since the baseline",
    "Baseline not yet set",
}
# The one overall state of each indicator: in the "Progress" row of a theme or indicator page,
# and in the last cell of a row of the indicators table.
PROGRESS_ROW = re.compile(r'<dt>Progress</dt><dd><span class="app-tag [^"]*">([^<]*)</span>')
PROGRESS_CELL = re.compile(r'<td><span class="app-tag [^"]*">([^<]*)</span></td>\s*</tr>')


@pytest.mark.django_db
def test_theme_page_shows_a_state_for_each_indicator_and_charts_only_series(client, real_plan):
    indicators = Indicator.objects.filter(theme__number=1)
    morale = indicators.get(position=1)
    ObservationFactory(indicator=morale, period="2025", value=Decimal("68"))
    body, page = _page(client, "/themes/1/")
    assert len([t for t in PROGRESS_ROW.findall(body) if t in JUDGEMENT_WORDS]) == 5
    assert page.svgs == 1  # only 1.1 has values in two periods
    assert "Not measured since the baseline" in body  # 1.3: the plan's baseline, nothing newer
    assert "Baseline not yet set" in body  # 1.5: "we'll establish a baseline in 2024"
    assert "A chart is drawn once there are values for two periods." in body
    assert len(page.ids) == len(set(page.ids))


@pytest.mark.django_db
def test_theme_page_states_the_tolerance_of_a_maintain_indicator(client, real_plan):
    body, _ = _page(client, "/themes/2/")
    assert "a value within 2 percentage points of the baseline counts as maintained" in body


@pytest.mark.django_db
def test_a_new_value_shows_as_improving_with_its_chart(client, real_plan):
    morale = Indicator.objects.get(theme__number=1, position=1)
    ObservationFactory(indicator=morale, period="2025", value=Decimal("68.00"))
    for url in ("/themes/1/", morale.get_absolute_url()):
        body, page = _page(client, url)
        assert "Improving" in page.tags
        assert "From 65 per cent in 2023 to 68 per cent in 2025" in body
        assert "up 3 percentage points" in body
        assert "68.00" not in body


@pytest.mark.django_db
def test_a_maintain_indicator_outside_its_tolerance_shows_as_worsening(client, real_plan):
    joining = Indicator.objects.get(theme__number=2, position=1)
    ObservationFactory(indicator=joining, period="2024", value=Decimal("60"))
    _, page = _page(client, joining.get_absolute_url())
    assert "Worsening" in page.tags


@pytest.mark.django_db
def test_theme_5_chart_has_a_line_for_each_registration_figure(client, real_plan):
    indicator = Indicator.objects.get(theme__number=5, position=1)
    for code, name, _baseline, latest in REGISTRATION:
        ObservationFactory(
            indicator=indicator,
            period="2024-12",
            breakdown=code,
            breakdown_label_en=name,
            value=latest,
        )
    body, _ = _page(client, indicator.get_absolute_url())
    svg = parse_svg(re.search(r"<svg.*?</svg>", body, re.S).group(0))
    assert len(list(svg.iter(f"{SVG}path"))) == 3
    desc = svg.find(f"{SVG}desc").text
    for name in ("Adult care home", "Domiciliary care", "Residential child care"):
        assert name in desc


@pytest.mark.django_db
def test_indicator_page_keeps_the_full_table_of_values(client, real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=1)
    body, _ = _page(client, indicator.get_absolute_url())
    assert "All values of this indicator" in body
    assert "Social care workforce survey 2023" in body


@pytest.mark.django_db
def test_indicator_list_shows_a_judgement_for_every_indicator(client, real_plan):
    body, _ = _page(client, "/indicators/")
    states = PROGRESS_CELL.findall(body)
    assert len([t for t in states if t in JUDGEMENT_WORDS]) == Indicator.objects.count()


def _add_values(indicators, months) -> None:
    """A value a month for every breakdown of every indicator."""
    for indicator in indicators:
        breakdowns = {(o.breakdown, o.breakdown_label_en) for o in indicator.observations.all()}
        for breakdown, label in breakdowns or {("", "")}:
            for month in months:
                ObservationFactory(
                    indicator=indicator,
                    period=f"2024-{month:02d}",
                    breakdown=breakdown,
                    breakdown_label_en=label,
                    value=Decimal(40 + month),
                )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/themes/1/", "/themes/5/", "/indicators/", "indicator"])
def test_page_query_count_does_not_grow_with_more_values_or_indicators(
    client, real_plan, django_assert_max_num_queries, url
):
    indicators = list(Indicator.objects.prefetch_related("observations"))
    if url == "indicator":
        url = Indicator.objects.get(theme__number=5, position=1).get_absolute_url()
    _add_values(indicators, [1])
    with django_assert_max_num_queries(50) as small:
        assert client.get(url).status_code == 200
    _add_values(indicators, range(2, 13))
    for theme in Theme.objects.filter(number__in=[1, 5]):
        extra = IndicatorFactory.create_batch(
            3, plan=real_plan, theme=theme, position=factory.Sequence(lambda n: 100 + n)
        )
        _add_values(extra, range(1, 13))
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get(url).content.decode()
    # The newest values (52 in December 2024) are judged: 1.1 fell from 65, 5.1 rose from 43.
    assert "Worsening" in body
