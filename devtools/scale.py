"""Synthetic data at scale, for performance work (`python manage.py seed_scale --factor N`).

What it adds, all in one transaction:

- N synthetic delivery plans, ``synthetic-01`` to ``synthetic-NN``, on the real plan's strategy
  and themes. Each copies the shape of the real plan (41 actions with the same theme and period
  split, owners from the existing organisations, sub-points on some actions, 21 indicators with
  yearly values for 2023 to 2025) with generated wording that starts "Synthetic". They run
  2021 to 2023, before the real plan, so the real plan stays the current one (the latest by
  start year) and every synthetic action has one approved update for each of its 12 quarters.
- Up to 12 approved quarterly updates on each of the real plan's actions (from its first
  quarter to the current one). These are the only writes that touch the real plan: its texts,
  themes, periods, owners, sub-points, indicators and baselines are never changed. Its actions'
  status and target date are derived again from all their approved updates by the app's own
  rule, ``actions.models.derived_state``, as ``update_approve`` does.
  The seeded updates are easy to find and remove: they are submitted and reviewed by the
  system user ``scale-seed`` and their public summary starts "[Synthetic test data]".

Every record comes from ``random.Random`` seeded with the seed, the plan's slug and the
action's number, so the same factor gives the same data on any database, and a larger factor
adds only the plans that are missing. Audit history is written in bulk with the seed user and
the change reason "Synthetic data (seed_scale)".

The limits, wording and shapes are in ``devtools.scale_data``; the synthetic plans are written
by ``devtools.scale_synthetic``.
"""

import datetime
import random
import time

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actions.models import (
    Action,
    DeliveryPlan,
    ProgressReview,
    ProgressUpdate,
    ReviewDecision,
    derived_state,
)
from actions.quarters import Quarter, quarter_of
from actions.status import FINISHED_STATUSES, ActionStatus, status_needs_reason
from devtools.scale_data import (
    ACTIVITIES,
    BATCH,
    CHANGE_REASON,
    MAX_FACTOR,
    MIN_FACTOR,
    NEXT,
    QUARTERS_PER_ACTION,
    REAL_PLAN_SLUG,
    REASONS_CLOSED,
    REASONS_DATE,
    REASONS_WORSE,
    SEED_USERNAME,
    SUMMARY_PREFIX,
    ScaleSeedError,
    add_months,
    quarter_range,
)
from devtools.scale_synthetic import SyntheticPlans

__all__ = [
    "MAX_FACTOR",
    "MIN_FACTOR",
    "REAL_PLAN_SLUG",
    "SEED_USERNAME",
    "SUMMARY_PREFIX",
    "ScaleSeedError",
    "real_plan_updates_seed",
    "scale_seed",
    "seed_user",
]


def scale_seed(*, factor: int, seed: int = 2030) -> dict:
    """Add synthetic plans 1 to `factor` that are missing, and seeded updates on the real plan.

    Returns counts of what was created. Running it again with the same factor adds nothing.
    """
    if isinstance(factor, bool) or not isinstance(factor, int):
        raise ValueError(f"factor must be a whole number from {MIN_FACTOR} to {MAX_FACTOR}.")
    if not MIN_FACTOR <= factor <= MAX_FACTOR:
        raise ValueError(f"factor must be from {MIN_FACTOR} to {MAX_FACTOR}, not {factor}.")
    started = time.perf_counter()
    with transaction.atomic():
        seeder = _Seeder(seed=seed)
        seeder.real_plan_updates()
        seeder.synthetic_plans(factor=factor)
    seeder.counts["seconds"] = round(time.perf_counter() - started, 2)
    return seeder.counts


def real_plan_updates_seed(*, seed: int = 2030) -> dict:
    """Only the seeded updates on the real plan's actions (the benchmark's 1x data)."""
    with transaction.atomic():
        seeder = _Seeder(seed=seed)
        seeder.real_plan_updates()
    return seeder.counts


def seed_user() -> User:
    """The system user that submits and approves every seeded update. It cannot sign in."""
    user, created = User.objects.get_or_create(
        username=SEED_USERNAME,
        defaults={
            "first_name": "Synthetic data",
            "last_name": "(seed_scale)",
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class _Seeder(SyntheticPlans):
    def __init__(self, *, seed: int) -> None:
        self.seed = seed
        self.now = timezone.now()
        self.counts: dict = {
            "plans": 0,
            "plans_existing": 0,
            "actions": 0,
            "sub_points": 0,
            "owners": 0,
            "updates": 0,
            "reviews": 0,
            "indicators": 0,
            "observations": 0,
            "real_plan_updates": 0,
            "real_plan_actions_updated": 0,
        }
        self.real_plan = DeliveryPlan.objects.filter(slug=REAL_PLAN_SLUG).first()
        if self.real_plan is None:
            raise ScaleSeedError(
                f"The real plan {REAL_PLAN_SLUG} is not loaded. Run `python manage.py load_plan` "
                "first."
            )
        self.user = seed_user()
        self.history = {"default_user": self.user, "default_change_reason": CHANGE_REASON}

    def rng(self, *parts) -> random.Random:
        # A string seed is hashed with SHA-512: the same on every machine and Python run.
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))  # noqa: S311

    # Updates --------------------------------------------------------------------------------

    def updates_for(
        self, action: Action, period_ends: datetime.date, quarters: list[Quarter], where: str
    ) -> list[ProgressUpdate]:
        """One approved update per quarter, oldest first, each shaped to pass the form's checks.

        Returns the unsaved updates. ``current`` and ``target`` below only shape the next
        update (a worse status needs a reason; a revised date moves on from the last one): the
        action's own status and target date come from ``derived_state``, never from here.
        """
        rng = self.rng(where, action.number, "updates")
        status = rng.choice((ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK))
        current, target = ActionStatus.NO_UPDATE, period_ends
        updates = []
        for i, quarter in enumerate(quarters):
            if i:
                choices = [
                    (s, w)
                    for s, w in NEXT.get(status, ((status, 1),))
                    if s not in FINISHED_STATUSES or i >= 3
                ]
                status = rng.choices([s for s, _w in choices], [w for _s, w in choices])[0]
            reason = ""
            # The form's own rule decides when a reason is needed, so every seeded update
            # would pass the form.
            if status_needs_reason(current, status):
                closed = status == ActionStatus.CLOSED
                reason = rng.choice(REASONS_CLOSED if closed else REASONS_WORSE)
            revised, date_reason = None, ""
            if status not in FINISHED_STATUSES and rng.random() < 0.08:
                revised = add_months(target, rng.choice((3, 6, 9, 12)))
                date_reason = rng.choice(REASONS_DATE)
                target = revised
            activity = rng.choice(ACTIVITIES)
            submitted = datetime.datetime.combine(
                quarter.ends_on - datetime.timedelta(days=rng.randrange(0, 21)),
                datetime.time(9, 0),
                tzinfo=datetime.UTC,
            ) + datetime.timedelta(minutes=rng.randrange(0, 480))
            submitted = min(submitted, self.now - datetime.timedelta(minutes=rng.randrange(5, 60)))
            update = ProgressUpdate(
                action=action,
                status=status,
                status_reason=reason,
                summary_en=(
                    f"{SUMMARY_PREFIX}{quarter.code}: {ActionStatus(status).label}; {activity}."
                ),
                internal_note=rng.choice(("", "", "Budget confirmed.", "Check with partners.")),
                next_steps=rng.choice(("Report to the next SIG meeting.", "Share the draft.")),
                evidence_links=(
                    f"https://example.org/synthetic/{where}/{action.number}/{quarter.code}"
                    if rng.random() < 0.3
                    else ""
                ),
                quarter=quarter.code,
                revised_target_date=revised,
                date_change_reason=date_reason,
                submitted_by=self.user,
                submitted_at=submitted,
            )
            update._reviewed_at = min(
                submitted + datetime.timedelta(hours=rng.randrange(1, 97)), self.now
            )
            updates.append(update)
            current = status
        return updates

    def save_updates(self, updates: list[ProgressUpdate]) -> None:
        saved = bulk_create_with_history(updates, ProgressUpdate, batch_size=BATCH, **self.history)
        reviews = [
            ProgressReview(
                update=update,
                decision=ReviewDecision.APPROVE,
                reviewed_by=self.user,
                reviewed_at=source._reviewed_at,
            )
            for update, source in zip(saved, updates, strict=True)
        ]
        bulk_create_with_history(reviews, ProgressReview, batch_size=BATCH, **self.history)
        self.counts["updates"] += len(saved)
        self.counts["reviews"] += len(reviews)

    def real_plan_updates(self) -> None:
        """Seeded updates on each real action that has none yet; only derived fields change."""
        plan = self.real_plan
        seeded = set(
            ProgressUpdate.objects.filter(action__plan=plan, submitted_by=self.user).values_list(
                "action_id", flat=True
            )
        )
        actions = list(
            Action.objects.filter(plan=plan).exclude(pk__in=seeded).select_related("period")
        )
        if not actions:
            return
        last = quarter_of(timezone.localdate())
        first = max(
            quarter_of(datetime.date(plan.start_year, 1, 1)),
            quarter_range(Quarter(last.year - 3, last.number), last)[0],
        )
        quarters = quarter_range(first, last)[-QUARTERS_PER_ACTION:]
        updates: list[ProgressUpdate] = []
        added: dict[int, int] = {}
        for action in actions:
            mine = self.updates_for(action, action.period.ends_on, quarters, plan.slug)
            updates.extend(mine)
            added[action.pk] = len(mine)
        self.save_updates(updates)
        self.counts["real_plan_updates"] = len(updates)
        # Status and target date from every approved update, real ones included, by the app's
        # own rule and in its order (approved_in_order), as update_approve does.
        approved: dict[int, list[ProgressUpdate]] = {}
        for update in (
            ProgressUpdate.objects.filter(action_id__in=added)
            .approved_in_order()
            .only("action_id", "status", "revised_target_date")
            .iterator(chunk_size=2000)
        ):
            approved.setdefault(update.action_id, []).append(update)
        changed = []
        for action in actions:
            action.status, action.target_date = derived_state(action, approved.get(action.pk, []))
            # update_submit and update_approve each move the version on by one.
            action.version += 2 * added[action.pk]
            changed.append(action)
        bulk_update_with_history(
            changed,
            Action,
            ["status", "target_date", "version"],
            batch_size=BATCH,
            **self.history,
        )
        self.counts["real_plan_actions_updated"] = len(changed)
