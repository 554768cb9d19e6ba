"""Indicators tell the truth: one state each, judged breakdown by breakdown, in the breakdown's
own direction, and "Not measured since the baseline" never shown or counted as a judgement."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from measures.judgement import Judgement, judge
from measures.models import Indicator, Observation
from measures.periods import parse_period
from measures.progress import indicator_progress, state_counts
from measures.selectors import indicator_list
from tests.conftest import PLAN_SOURCE
from tests.factories import ObservationFactory

# The rules, on plain values


@dataclass
class Value:
    period: str
    period_end: datetime.date
    breakdown: str
    value: Decimal
    is_baseline: bool


def value(period, amount, *, breakdown="", baseline=False) -> Value:
    return Value(period, parse_period(period).ends_on, breakdown, Decimal(str(amount)), baseline)


def test_each_breakdown_is_judged_on_its_own_and_keeps_its_latest_value():
    # Indicator 1.2: a newer figure for Social Care Wales, none yet for Canopi.
    result = judge(
        direction="increase",
        baseline_status="set",
        tolerance=None,
        observations=[
            value("2023", 33, breakdown="social-care-wales", baseline=True),
            value("2023", 7, breakdown="canopi", baseline=True),
            value("2025", "38.4", breakdown="social-care-wales"),
        ],
    )
    scw, canopi = result.breakdowns
    assert (scw.judgement, scw.latest_value, scw.latest_period) == (
        Judgement.IMPROVING,
        Decimal("38.4"),
        "2025",
    )
    assert canopi.judgement == Judgement.NOT_MEASURED
    assert canopi.is_judged is False
    # The one measured breakdown is improving: so is the indicator, and it is not "not measured".
    assert result.judgement == Judgement.IMPROVING
    assert result.no_newer_value is False


def wellbeing_scores(anxiety_now, others_now) -> list[Value]:
    """Indicator 1.5: three scores where higher is better and anxiety, where lower is better."""
    baselines = {"life-satisfaction": 7, "feeling-worthwhile": "7.5", "happiness": 7, "anxiety": 4}
    values = [value("2024", v, breakdown=code, baseline=True) for code, v in baselines.items()]
    values += [
        value("2025", anxiety_now if code == "anxiety" else others_now, breakdown=code)
        for code in baselines
    ]
    return values


ANXIETY_LOWER_IS_BETTER = {
    "life-satisfaction": "increase",
    "feeling-worthwhile": "increase",
    "happiness": "increase",
    "anxiety": "reduce",
}


@pytest.mark.parametrize(
    ("anxiety_now", "anxiety_state", "overall"),
    [
        (2, Judgement.IMPROVING, Judgement.IMPROVING),  # anxiety fell by 2: better
        (6, Judgement.WORSENING, Judgement.WORSENING),  # anxiety rose by 2: worse
    ],
)
def test_each_breakdown_is_judged_in_its_own_direction(anxiety_now, anxiety_state, overall):
    result = judge(
        direction="increase",
        baseline_status="set",
        tolerance=None,
        observations=wellbeing_scores(anxiety_now, 9),
        breakdown_directions=ANXIETY_LOWER_IS_BETTER,
    )
    states = {b.breakdown: (b.direction, b.judgement) for b in result.breakdowns}
    assert states["anxiety"] == ("reduce", anxiety_state)
    for code in ("life-satisfaction", "feeling-worthwhile", "happiness"):
        assert states[code] == ("increase", Judgement.IMPROVING)
    assert result.judgement == overall


def test_a_breakdown_without_its_own_direction_takes_the_indicators():
    result = judge(
        direction="reduce",
        baseline_status="set",
        tolerance=None,
        observations=[
            value("2023", 50, breakdown="a", baseline=True),
            value("2024", 40, breakdown="a"),
        ],
        breakdown_directions={"b": "increase"},
    )
    assert [(b.direction, b.judgement) for b in result.breakdowns] == [
        ("reduce", Judgement.IMPROVING)
    ]


# The real plan


def indicators_in_source() -> int:
    """Indicators counted from the plan's own text: the bullets after each theme's "would
    mean:" up to its list of actions."""
    count, inside = 0, False
    for line in PLAN_SOURCE.read_text(encoding="utf-8").splitlines():
        if line.rstrip().endswith("would mean:"):
            inside = True
        elif line.startswith("Workforce strategy actions"):
            inside = False
        elif inside and line.startswith("- "):
            count += 1
    return count


STATE_ROW = re.compile(
    r'<dt><span class="app-tag (app-tag--[a-z-]+)">([^<]+)</span></dt>'
    r'<dd>(?:<a href="([^"]+)"[^>]*>)?(\d+)'
)
PROGRESS_CELL = re.compile(r'<td><span class="app-tag [^"]*">([^<]*)</span></td>\s*</tr>')


@pytest.mark.django_db
def test_indicators_page_counts_each_indicator_in_one_state_adding_up_to_the_plan(
    client, real_plan
):
    assert indicators_in_source() == 21
    body = client.get("/indicators/").content.decode()
    rows = STATE_ROW.findall(body)
    assert [label for _c, label, _u, _n in rows] == [str(j.label) for j in Judgement]
    assert sum(int(n) for *_rest, n in rows) == indicators_in_source()
    counts = {label: int(n) for _c, label, _u, n in rows}
    # Nothing has been measured since the plan's baselines: nothing is judged yet.
    assert counts["Improving"] == counts["Worsening"] == counts["No clear change"] == 0
    assert counts["Not measured since the baseline"] > 0
    assert counts["Baseline not yet set"] > 0
    # Each count links to a list showing that many indicators, each in that state.
    for _css, label, url, n in rows:
        if int(n):
            listed = PROGRESS_CELL.findall(client.get(url).content.decode())
            assert listed == [label] * int(n)


@pytest.mark.django_db
def test_states_without_data_are_neutral_tags_not_judgements(client, real_plan):
    body = client.get(Indicator.objects.get(theme__number=1, position=3).get_absolute_url())
    body = body.content.decode()
    assert (
        '<dt>Progress</dt><dd><span class="app-tag app-tag--not-measured">'
        "Not measured since the baseline</span>"
    ) in body
    assert "No clear change" not in body
    assert "No newer value yet." not in body


@pytest.mark.django_db
def test_an_unknown_state_in_the_address_lists_every_indicator(client, real_plan):
    response = client.get("/indicators/?state=nonsense")
    assert response.status_code == 200
    assert len(PROGRESS_CELL.findall(response.content.decode())) == indicators_in_source()


@pytest.mark.django_db
def test_split_indicator_page_shows_each_breakdowns_latest_value_and_state(client, real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=2)
    ObservationFactory(
        indicator=indicator,
        period="2025",
        breakdown="social-care-wales",
        breakdown_label_en="Said Social Care Wales",
        value=Decimal("38.40"),
    )
    for url in (indicator.get_absolute_url(), "/themes/1/", "/indicators/"):
        body = client.get(url).content.decode()
        assert (
            "Said Social Care Wales: <strong>38.4%</strong> (2025), "
            "up 5.4 percentage points since the baseline"
        ) in body
        assert re.search(r"Said Canopi: no value since the baseline <span[^>]*>Not measured", body)
        assert "No newer value yet." not in body
        assert "38.40" not in body


@pytest.mark.django_db
def test_indicator_1_5_is_loaded_with_a_direction_for_each_score(real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=5)
    directions = {b.label_en: b.direction for b in indicator.breakdowns.all()}
    assert directions == {
        "Life satisfaction": "increase",
        "Feeling worthwhile": "increase",
        "Happiness": "increase",
        "Anxiety": "reduce",
    }
    # The plan's own words name each score.
    for label in directions:
        assert label.lower() in indicator.statement_en
    assert indicator.baseline_status == "pending"


def _record_wellbeing_scores(indicator, anxiety_now) -> None:
    indicator.baseline_status = "set"
    indicator.save()
    for b in indicator.breakdowns.all():
        for period, amount, baseline in (
            ("2024", 4 if b.code == "anxiety" else 7, True),
            ("2025", anxiety_now if b.code == "anxiety" else 8, False),
        ):
            ObservationFactory(
                indicator=indicator,
                period=period,
                breakdown=b.code,
                breakdown_label_en=b.label_en,
                value=Decimal(amount),
                is_baseline=baseline,
            )


@pytest.mark.django_db
def test_indicator_1_5_page_judges_falling_anxiety_as_improving(client, real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=5)
    _record_wellbeing_scores(indicator, anxiety_now=2)
    body = client.get(indicator.get_absolute_url()).content.decode()
    assert "<li>Anxiety: Reduce</li>" in body
    assert "<li>Happiness: Increase</li>" in body
    assert re.search(
        r"Anxiety: <strong>2</strong> \(2025\), down 2 since the baseline <span[^>]*>Improving",
        body,
    )
    assert re.search(r'<dt>Progress</dt><dd><span class="app-tag [^"]*">Improving<', body)


@pytest.mark.django_db
def test_a_value_of_indicator_1_5_must_name_one_of_its_scores(real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=5)
    observation = Observation(
        indicator=indicator, period="2024", value=Decimal(5), source_en="Survey", breakdown=""
    )
    with pytest.raises(ValidationError) as error:
        observation.full_clean()
    assert "anxiety" in str(error.value.message_dict["breakdown"])


# The report counts with the same states


@pytest.mark.django_db
def test_report_counts_the_same_states_as_the_indicators_page(client, real_plan):
    from reports.models import AnnualReport
    from reports.selectors import report_snapshot

    morale = Indicator.objects.get(theme__number=1, position=1)
    ObservationFactory(indicator=morale, period="2024", value=Decimal("68.40"))
    as_at = datetime.date.today()
    report = AnnualReport.objects.create(plan=morale.plan, year=2024)
    context = report_snapshot(report=report, as_at=as_at)
    html = render_to_string("reports/report_web.html", {**context, "edition": "html"})
    summary = re.search(r"Indicators by progress.*?</table>", html, re.S).group(0)
    report_counts = re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', summary)
    page_counts = [
        (item.label, str(item.count))
        for item in state_counts(indicator_progress(indicator_list(plan=morale.plan), charts=False))
    ]
    assert report_counts == [*page_counts, ("All indicators", str(indicators_in_source()))]
    assert ("Not measured since the baseline", "0") not in report_counts
    # Values with their unit, periods in words.
    assert "<strong>68.4%</strong> (2024)" in html
    assert "68.40" not in html


# Open data


@pytest.mark.django_db
def test_open_data_carries_each_indicators_state_and_keeps_its_fields(client, real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=2)
    ObservationFactory(
        indicator=indicator,
        period="2025",
        breakdown="social-care-wales",
        breakdown_label_en="Said Social Care Wales",
        value=Decimal("38.40"),
    )
    records = {r["code"]: r for r in client.get("/data/indicators.json").json()["indicators"]}
    record = records["1.2"]
    for field in ("plan", "theme", "statement", "direction", "unit", "baselines", "observations"):
        assert field in record
    assert (record["state"], record["state_label"]) == ("improving", "Improving")
    assert {b["breakdown"]: (b["state"], b["latest_value"]) for b in record["breakdowns"]} == {
        "social-care-wales": ("improving", 38.4),
        "canopi": ("not_measured", None),
    }
    assert records["1.3"]["state"] == "not_measured"
    assert records["1.5"]["state"] == "no_baseline"
    assert {b["breakdown"]: b["direction"] for b in records["1.5"]["breakdowns"]}["anxiety"] == (
        "reduce"
    )
    assert sum(1 for r in records.values() if r["plan"] == indicator.plan.slug) == 21


# The plan document


def _plan_with_breakdowns(breakdowns) -> dict:
    import json

    from tests.conftest import PLAN_FIXTURE

    document = json.loads(PLAN_FIXTURE.read_text(encoding="utf-8"))
    indicator = next(i for i in document["plan"]["indicators"] if i["code"] == "1.5")
    indicator["breakdowns"] = breakdowns
    return document


@pytest.mark.parametrize(
    ("breakdown", "message"),
    [
        ({"code": "anxiety", "label": "Anxiety", "direction": "lower"}, "direction"),
        ({"code": "Anxiety Score", "label": "Anxiety", "direction": "reduce"}, "'code'"),
        ({"code": "anxiety", "direction": "reduce"}, "label"),
    ],
)
def test_a_bad_breakdown_in_the_plan_document_is_refused_naming_it(breakdown, message):
    from tracker.plan_document import PlanDocumentError, check_plan_document

    with pytest.raises(PlanDocumentError) as error:
        check_plan_document(_plan_with_breakdowns([breakdown]))
    (problem,) = error.value.problems
    assert "indicator 1.5" in problem
    assert "breakdowns[0]" in problem
    assert message in problem


@pytest.mark.django_db
def test_indicator_1_5_welsh_page_names_each_score_in_welsh(client, real_plan):
    indicator = Indicator.objects.get(theme__number=1, position=5)
    _record_wellbeing_scores(indicator, anxiety_now=2)
    body = client.get(f"/cy{indicator.get_absolute_url()}").content.decode()
    assert "<li>Gorbryder: Lleihau</li>" in body
    assert "Gorbryder: <strong>2</strong> (2025)" in body
    assert "Boddhad â bywyd: <strong>7</strong> (2024)" in body  # its baseline
