"""A report reads every fact as it stood at its cut-off, from the audit history: a correction
made afterwards leaves a rebuilt edition byte for byte the same. Welsh is read at build time."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from actions.models import Action, ActionOwner, ProgressReview, ProgressUpdate
from actions.plan_models import DeliveryPeriod
from actions.services import update_submit
from measures.judgement import Judgement
from measures.models import Indicator, Observation
from measures.periods import parse_period
from measures.services import observation_change
from reports.models import AnnualReport
from reports.selectors import report_snapshot
from reports.services import report_render
from tests.factories import (
    ActionFactory,
    DeliveryPeriodFactory,
    DeliveryPlanFactory,
    IndicatorFactory,
    OrganisationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2025, 3, 31)
BEFORE = timezone.make_aware(datetime.datetime(2025, 1, 15, 10, 0))
ALSO_BEFORE = timezone.make_aware(datetime.datetime(2025, 2, 10, 10, 0))


def _recorded(
    indicator, *, period: str, value: str, when: datetime.datetime, is_baseline: bool = False
) -> Observation:
    """A value recorded at ``when``, with its audit record dated then (simple-history's
    ``_history_date``), as observation_record would have saved it on that day."""
    observation = Observation(
        indicator=indicator,
        is_baseline=is_baseline,
        period=period,
        period_end=parse_period(period).ends_on,
        value=Decimal(value),
        source_en="Social care workforce survey 2024",
        created_at=when,
    )
    observation._history_date = when
    observation.save()
    return observation


def _correct(observation: Observation, user, value: str, when=None) -> Observation:
    """Correct a value through the service, now or (``when``) on an earlier day."""
    observation = Observation.objects.get(pk=observation.pk)
    if when is not None:
        observation._history_date = when
    return observation_change(
        observation=observation,
        user=user,
        data={"value": Decimal(value)},
        base_version=observation.version,
    )


def _state(snapshot: dict, code: str) -> str:
    (item,) = [i for i in snapshot["sections"][0].indicators if i.indicator.code == code]
    return item.state


def _editions(report: AnnualReport, as_at: datetime.date) -> dict:
    return {
        language: report_render(report=report, as_at=as_at, language=language)
        for language in ("en", "cy")
    }


def test_a_value_corrected_after_the_cut_off_leaves_the_rebuilt_edition_byte_identical(
    real_plan, editor
):
    indicator = Indicator.objects.get(plan=real_plan, theme__number=1, position=3)
    value = _recorded(indicator, period="2024", value="22", when=BEFORE)
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    assert _state(report_snapshot(report=report, as_at=AS_AT), "1.3") == Judgement.IMPROVING
    first = _editions(report, AS_AT)

    # After the cut-off: the value is corrected, and plan texts, a date and an owner change.
    _correct(value, editor, "35")
    action = Action.objects.get(plan=real_plan, number=1)
    action.text_en = "Corrected wording of action 1."
    action.save()
    ActionOwner.objects.filter(action=action).first().delete()
    period = DeliveryPeriod.objects.get(pk=action.period_id)
    period.ends_on = datetime.date(2025, 6, 30)
    period.save()
    indicator.statement_en = "A corrected statement of indicator 1.3."
    indicator.save()
    theme = indicator.theme
    theme.title_en = "A corrected theme title"
    theme.save()

    again = _editions(report, AS_AT)
    for language in ("en", "cy"):
        assert again[language]["html"] == first[language]["html"], language
        assert again[language]["pdf"] == first[language]["pdf"], language
    assert "Corrected wording of action 1." not in again["en"]["html"]
    assert _state(report_snapshot(report=report, as_at=AS_AT), "1.3") == Judgement.IMPROVING
    # The correction is real: a report as at today reads it.
    later = AnnualReport(plan=real_plan, year=2025)
    today = report_snapshot(report=later, as_at=timezone.localdate())
    assert _state(today, "1.3") == Judgement.WORSENING
    assert today["actions"][0].action.text_en == "Corrected wording of action 1."


def test_the_value_in_force_at_the_cut_off_is_read_not_the_first_nor_the_latest(editor):
    plan = DeliveryPlanFactory()
    theme = ThemeFactory(strategy=plan.strategy, number=1)
    indicator = IndicatorFactory(plan=plan, theme=theme, direction="reduce", unit="percent")
    _recorded(indicator, period="2023", value="26", when=BEFORE, is_baseline=True)
    value = _recorded(indicator, period="2024", value="30", when=BEFORE)
    _correct(value, editor, "22", when=ALSO_BEFORE)
    _correct(value, editor, "35")
    report = AnnualReport(plan=plan, year=2024)
    snapshot = report_snapshot(report=report, as_at=AS_AT)
    (item,) = snapshot["sections"][0].indicators
    values = [o.value for o in item.indicator.observations.all()]
    assert values == [Decimal("26"), Decimal("22")]
    assert item.state == Judgement.IMPROVING


def test_a_value_recorded_after_the_cut_off_is_left_out():
    plan = DeliveryPlanFactory()
    indicator = IndicatorFactory(plan=plan, theme=ThemeFactory(strategy=plan.strategy, number=1))
    _recorded(indicator, period="2024", value="40", when=timezone.now())
    snapshot = report_snapshot(report=AnnualReport(plan=plan, year=2024), as_at=AS_AT)
    (item,) = snapshot["sections"][0].indicators
    assert list(item.indicator.observations.all()) == []


def test_an_owner_removed_after_the_cut_off_is_still_named():
    plan = DeliveryPlanFactory()
    action = ActionFactory(plan=plan, theme=ThemeFactory(strategy=plan.strategy, number=1))
    owner = ActionOwner(action=action, organisation=OrganisationFactory(), role="partner")
    owner._history_date = BEFORE
    owner.save()
    name = owner.organisation.name_en
    ActionOwner.objects.get(pk=owner.pk).delete()  # today, after the cut-off
    snapshot = report_snapshot(report=AnnualReport(plan=plan, year=2024), as_at=AS_AT)
    (item,) = snapshot["actions"]
    assert name in [o.organisation.name_en for o in item.action.owners.all()]


def test_welsh_is_read_at_build_time_and_english_as_it_stood(real_plan):
    action = Action.objects.get(plan=real_plan, number=1)
    english = action.text_en
    action.text_en = "Corrected wording of action 1."
    action.text_cy = "Cyfieithiad newydd o gam gweithredu 1."
    action.save()
    report = AnnualReport(plan=real_plan, year=2024)
    with translation.override("cy"):
        snapshot = report_snapshot(report=report, as_at=AS_AT)
        first = snapshot["actions"][0].action
        assert first.text == "Cyfieithiad newydd o gam gweithredu 1."
    assert first.text_en == english


def test_an_approved_update_corrected_after_the_cut_off_is_read_as_it_stood(editor):
    plan = DeliveryPlanFactory()
    action = ActionFactory(plan=plan)
    update = ProgressUpdate(
        action=action,
        status="minor_delays",
        status_reason="Waiting for the survey.",
        summary_en="Half the workshops held.",
        quarter="2024-Q4",
        submitted_by=editor,
        submitted_at=BEFORE,
    )
    update._history_date = BEFORE
    update.save()
    ProgressReview.objects.create(
        update=update, decision="approve", reviewed_by=editor, reviewed_at=BEFORE
    )
    corrected = ProgressUpdate.objects.get(pk=update.pk)
    corrected.status, corrected.summary_en = "complete", "All the workshops held."
    corrected.save()  # today, after the cut-off (in the admin, say)
    snapshot = report_snapshot(report=AnnualReport(plan=plan, year=2024), as_at=AS_AT)
    (item,) = snapshot["actions"]
    assert item.status == "minor_delays"
    assert item.summary_update.summary_en == "Half the workshops held."


def test_a_period_end_moved_after_the_cut_off_leaves_the_target_date_as_it_stood():
    plan = DeliveryPlanFactory()
    period = DeliveryPeriodFactory(plan=plan, ends_on=datetime.date(2024, 12, 31))
    action = ActionFactory(plan=plan, period=period)
    period.ends_on = datetime.date(2025, 12, 31)
    period.save()  # a second version, after the cut-off: the first is read
    snapshot = report_snapshot(report=AnnualReport(plan=plan, year=2024), as_at=AS_AT)
    assert snapshot["actions"][0].target_date == datetime.date(2024, 12, 31)
    assert action.pk == snapshot["actions"][0].action.pk


def _small_plan_with_progress(plan, editor, actions: int) -> None:
    theme = ThemeFactory(strategy=plan.strategy, number=1)
    period = DeliveryPeriodFactory(plan=plan)
    for _i in range(actions):
        action = ActionFactory(plan=plan, theme=theme, period=period)
        update_submit(
            action=action,
            user=editor,
            data={"status": "on_track", "summary_en": "Going well.", "quarter": "2024-Q4"},
            base_version=action.version,
            approve=True,
        )
        indicator = IndicatorFactory(plan=plan, theme=theme, position=action.number)
        _recorded(indicator, period="2023", value="50", when=BEFORE, is_baseline=True)
        _recorded(indicator, period="2024", value="55", when=BEFORE)


def test_the_snapshot_and_its_page_cost_the_same_queries_however_many_rows(
    editor, django_assert_num_queries, django_assert_max_num_queries
):
    # As at today, so the updates approved in this test count.
    small = DeliveryPlanFactory(start_year=2020, end_year=2030)
    _small_plan_with_progress(small, editor, 2)
    year = timezone.localdate().year - 1
    as_at = timezone.localdate()

    def render(plan):
        with translation.override("en"):
            snapshot = report_snapshot(report=AnnualReport(plan=plan, year=year), as_at=as_at)
            render_to_string("reports/report_web.html", {**snapshot, "edition": "html"})
        return snapshot

    with django_assert_max_num_queries(40) as few:
        snapshot = render(small)
    assert [a.status for a in snapshot["actions"]] == ["on_track", "on_track"]
    large = DeliveryPlanFactory(start_year=2020, end_year=2030)
    _small_plan_with_progress(large, editor, 12)
    with django_assert_num_queries(len(few.captured_queries)):
        snapshot = render(large)
    assert len(snapshot["actions"]) == 12
