"""Synthetic data at scale (seed_scale) and the page benchmark (bench)."""

import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    MeasurementLine,
    ProgressUpdate,
    ReviewDecision,
)
from actions.services import _action_refresh
from devtools.bench import PAGES
from devtools.scale import REAL_PLAN_SLUG, SEED_USERNAME, SUMMARY_PREFIX, scale_seed
from measures.models import Indicator, Observation


def _synthetic_snapshot(slugs) -> dict:
    """Everything seed_scale writes for these plans, without ids or wall-clock times."""
    actions = (
        Action.objects.filter(plan__slug__in=slugs)
        .select_related("plan", "theme", "period")
        .prefetch_related("owners__organisation", "sub_points")
        .order_by("plan__slug", "number")
    )
    return {
        "actions": [
            (
                a.plan.slug,
                a.number,
                a.text_en,
                a.theme.number,
                a.period.slug,
                a.status,
                a.target_date,
                sorted((o.organisation.slug, o.role, o.named_in_text) for o in a.owners.all()),
                [s.text_en for s in a.sub_points.all()],
            )
            for a in actions
        ],
        "updates": list(
            ProgressUpdate.objects.filter(action__plan__slug__in=slugs)
            .order_by("action__plan__slug", "action__number", "quarter")
            .values_list(
                "action__plan__slug",
                "action__number",
                "quarter",
                "status",
                "status_reason",
                "summary_en",
                "revised_target_date",
                "date_change_reason",
                "evidence_links",
            )
        ),
        "indicators": list(
            Indicator.objects.filter(plan__slug__in=slugs)
            .order_by("plan__slug", "theme__number", "position")
            .values_list("plan__slug", "theme__number", "position", "statement_en", "unit")
        ),
        "observations": list(
            Observation.objects.filter(indicator__plan__slug__in=slugs)
            # A full ordering: PostgreSQL returns ties in any order.
            .order_by(
                "indicator__plan__slug",
                "indicator__theme__number",
                "indicator__position",
                "period",
                "breakdown",
            )
            .values_list(
                "indicator__position", "period", "breakdown", "value", "is_baseline", "status"
            )
        ),
    }


def _real_plan_snapshot() -> dict:
    """The real plan's own records: everything except the fields updates derive."""
    plan = DeliveryPlan.objects.get(slug=REAL_PLAN_SLUG)
    derived = {"status", "target_date", "version"}
    action_fields = [f.attname for f in Action._meta.concrete_fields if f.name not in derived]
    return {
        "plan": list(DeliveryPlan.objects.filter(pk=plan.pk).values()),
        "periods": list(DeliveryPeriod.objects.filter(plan=plan).order_by("pk").values()),
        "actions": list(Action.objects.filter(plan=plan).order_by("pk").values(*action_fields)),
        "owners": list(ActionOwner.objects.filter(action__plan=plan).order_by("pk").values()),
        "sub_points": list(
            ActionSubPoint.objects.filter(action__plan=plan).order_by("pk").values()
        ),
        "lines": list(MeasurementLine.objects.filter(plan=plan).order_by("pk").values()),
        "indicators": list(Indicator.objects.filter(plan=plan).order_by("pk").values()),
        "observations": list(
            Observation.objects.filter(indicator__plan=plan).order_by("pk").values()
        ),
    }


@pytest.mark.django_db
def test_same_factor_gives_the_same_data_and_a_larger_factor_adds_the_same_plans(real_plan):
    slugs = ["synthetic-01"]
    with transaction.atomic():
        scale_seed(factor=1)
        first = _synthetic_snapshot([REAL_PLAN_SLUG, *slugs])
        transaction.set_rollback(True)
    assert not DeliveryPlan.objects.filter(slug__startswith="synthetic-").exists()
    scale_seed(factor=1)
    assert _synthetic_snapshot([REAL_PLAN_SLUG, *slugs]) == first
    assert len(first["actions"]) == 2 * 41
    synthetic = [i for i in first["indicators"] if i[0] == "synthetic-01"]
    assert len(synthetic) == 21
    assert (
        len(first["observations"])
        == 21 * 3 + Observation.objects.filter(indicator__plan=real_plan).count()
    )

    # Growing to 2 adds synthetic-02 and leaves synthetic-01 exactly as it was.
    scale_seed(factor=2)
    assert _synthetic_snapshot([REAL_PLAN_SLUG, *slugs]) == first
    assert Action.objects.filter(plan__slug="synthetic-02").count() == 41


@pytest.mark.django_db
def test_running_again_adds_nothing(real_plan):
    scale_seed(factor=1)
    counts = (Action.objects.count(), ProgressUpdate.objects.count(), Indicator.objects.count())
    again = scale_seed(factor=1)
    assert again["plans"] == again["updates"] == again["real_plan_updates"] == 0
    assert again["plans_existing"] == 1
    after = (Action.objects.count(), ProgressUpdate.objects.count(), Indicator.objects.count())
    assert after == counts
    call_command("seed_scale", "--factor", "1", stdout=(out := io.StringIO()))
    assert "Nothing to add" in out.getvalue()


@pytest.mark.django_db
def test_the_real_plan_only_gains_seeded_updates(real_plan):
    before = _real_plan_snapshot()
    call_command("seed_scale", "--factor", "2", stdout=(out := io.StringIO()))
    assert _real_plan_snapshot() == before
    assert "Real plan 2024-2027: added" in out.getvalue()

    updates = ProgressUpdate.objects.filter(action__plan=real_plan).select_related("review")
    assert {u.submitted_by.username for u in updates} == {SEED_USERNAME}
    assert {u.review.reviewed_by.username for u in updates} == {SEED_USERNAME}
    assert all(u.review.decision == ReviewDecision.APPROVE for u in updates)
    assert all(u.summary_en.startswith(SUMMARY_PREFIX) for u in updates)
    per_action = Counter(u.action_id for u in updates)
    assert len(per_action) == 41
    assert set(per_action.values()) == {len(set(u.quarter for u in updates))}
    assert 8 <= max(per_action.values()) <= 12
    assert (
        Counter(
            ProgressUpdate.objects.filter(action__plan__slug="synthetic-01").values_list(
                "action_id", flat=True
            )
        ).most_common()[-1][1]
        == 12
    )


@pytest.mark.django_db
def test_status_and_target_date_are_what_the_services_derive(real_plan):
    scale_seed(factor=2)
    actions = list(Action.objects.select_related("period").order_by("pk"))
    assert len(actions) == 3 * 41
    assert Counter(a.status for a in actions)["no_update"] == 0
    updates: dict[int, list] = {}
    for update in ProgressUpdate.objects.filter(review__decision=ReviewDecision.APPROVE).order_by(
        "quarter", "submitted_at", "pk"
    ):
        updates.setdefault(update.action_id, []).append(update)
    for action in actions:
        mine = updates[action.pk]
        latest = max(mine, key=lambda u: u.quarter)
        assert action.status == latest.status, action
        revised = [u.revised_target_date for u in mine if u.revised_target_date]
        assert action.target_date == (revised[-1] if revised else action.period.ends_on)
    # And the service itself, run again on every action, changes neither field.
    with transaction.atomic():
        for action in actions:
            status, target = action.status, action.target_date
            _action_refresh(action=action)
            assert (action.status, action.target_date) == (status, target), action
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_seeded_update_would_pass_the_forms_checks_when_it_was_made(real_plan):
    """Worse statuses and closures have a reason, later target dates too."""
    scale_seed(factor=1)
    actions = Action.objects.select_related("period").filter(
        plan__slug__in=[REAL_PLAN_SLUG, "synthetic-01"]
    )
    reasons = 0
    for action in actions:
        action.status, action.target_date = "no_update", action.period.ends_on
        for update in ProgressUpdate.objects.filter(action=action).order_by("quarter"):
            update.action = action
            update.full_clean()
            reasons += bool(update.status_reason or update.date_change_reason)
            action.status = update.status
            action.target_date = update.revised_target_date or action.target_date
    assert reasons > 0


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "201", "abc", "1.5", "-3"])
def test_a_bad_factor_is_refused_with_what_is_allowed(real_plan, value):
    with pytest.raises(CommandError, match=r"--factor must be a whole number from 1 to 200"):
        call_command("seed_scale", "--factor", value)
    assert not DeliveryPlan.objects.filter(slug__startswith="synthetic-").exists()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_seed_scale_needs_the_real_plan(no_plan):
    with pytest.raises(CommandError, match="load_plan"):
        call_command("seed_scale", "--factor", "1")


def test_bench_refuses_a_factor_that_leaves_nothing_to_compare():
    with pytest.raises(CommandError, match="--factor must be a whole number from 2 to 200"):
        call_command("bench", "--factor", "1")


def test_bench_worker_only_runs_on_its_own_database(tmp_path):
    with pytest.raises(CommandError, match="internal"):
        call_command("bench", "--worker", str(tmp_path / "out.json"))


def test_bench_runs_on_a_throwaway_database_and_reports_in_json(tmp_path):
    path = tmp_path / "bench.json"
    out = io.StringIO()
    call_command(
        "bench", "--repeat", "2", "--factor", "2", "--no-report", "--json", str(path), stdout=out
    )
    result = json.loads(path.read_text(encoding="utf-8"))
    assert set(result) >= {"machine", "repeat", "factor", "runs", "growth", "targets"}
    assert set(result["runs"]) == {"1x", "2x"}
    assert result["runs"]["1x"]["data"]["actions"] == 41
    assert result["runs"]["2x"]["data"]["actions"] == 3 * 41
    for run in result["runs"].values():
        pages = run["pages"]
        assert len(pages) == len(PAGES)
        assert pages["/healthz"]["ratio_to_floor"] == 1.0
        for page in pages.values():
            assert set(page) >= {"median_ms", "p95_ms", "queries", "ratio_to_floor"}
            assert page["queries"] >= 1
    for row in result["growth"].values():
        assert row["queries_equal"], row
        assert set(row) >= {"growth", "median_ms_1x", "median_ms_scaled"}
    assert result["targets"]["queries_equal"] is True
    assert (
        "/staff/dashboard/" in out.getvalue()
        and "Queries equal at 1x and 2x: yes" in out.getvalue()
    )
