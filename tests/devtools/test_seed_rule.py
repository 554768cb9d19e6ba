"""seed_scale derives each action's status and target date by the app's one rule.

The rule is ``actions.models.derived_state``; a copy of it in the seeder would drift the day the
rule changes, so the second test changes the rule and expects the seeded data to follow.
"""

import datetime
import sys

import pytest

from actions import models as action_models
from actions.models import Action, ProgressUpdate, derived_state
from devtools.scale import REAL_PLAN_SLUG, scale_seed

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"core", "tracker", "sig", "themes", "actions", "measures", "reports", "devtools"}
SEEDED_PLANS = [REAL_PLAN_SLUG, "synthetic-01"]


def _by_the_rule(rule) -> list[tuple]:
    """(action, stored status and target, what `rule` gives) for every seeded action."""
    approved: dict[int, list[ProgressUpdate]] = {}
    for update in ProgressUpdate.objects.filter(
        action__plan__slug__in=SEEDED_PLANS
    ).approved_in_order():
        approved.setdefault(update.action_id, []).append(update)
    actions = Action.objects.filter(plan__slug__in=SEEDED_PLANS).select_related("period", "plan")
    return [(a, (a.status, a.target_date), rule(a, approved.get(a.pk, []))) for a in actions]


def test_seeded_status_and_target_date_are_what_derived_state_gives(real_plan):
    scale_seed(factor=1)
    rows = _by_the_rule(derived_state)
    assert len(rows) == 2 * 41
    # Some revised dates, so the target is not just every period's end.
    assert any(stored[1] != action.period.ends_on for action, stored, _rule in rows)
    for action, stored, by_rule in rows:
        assert stored == by_rule, action


def _rule_everywhere(monkeypatch, rule) -> None:
    """Put `rule` in place of derived_state in every project module that imported it."""
    real = action_models.derived_state
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in PROJECT_APPS or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if value is real:
                monkeypatch.setattr(module, attribute, rule)


def test_the_seeder_follows_the_rule_when_the_rule_changes(real_plan, monkeypatch):
    def later(action, approved):
        # A rule no copy of the real one gives: every target a day later.
        status, target = derived_state(action, approved)
        return status, target + datetime.timedelta(days=1)

    _rule_everywhere(monkeypatch, later)
    scale_seed(factor=1)
    rows = _by_the_rule(later)
    assert {action.plan.slug for action, _stored, _rule in rows} == set(SEEDED_PLANS)
    for action, stored, by_rule in rows:
        assert stored == by_rule, action
