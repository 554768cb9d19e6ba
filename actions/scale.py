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
  status and target date are derived again from all their approved updates, exactly as
  ``update_approve`` does (the latest approved quarter wins; the latest revised date wins).
  The seeded updates are easy to find and remove: they are submitted and reviewed by the
  system user ``scale-seed`` and their public summary starts "[Synthetic test data]".

Every record comes from ``random.Random`` seeded with the seed, the plan's slug and the
action's number, so the same factor gives the same data on any database, and a larger factor
adds only the plans that are missing. Audit history is written in bulk with the seed user and
the change reason "Synthetic data (seed_scale)".
"""

import calendar
import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actions.models import (
    STATUS_RANK,
    Action,
    ActionOwner,
    ActionStatus,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
    OwnerRole,
    ProgressReview,
    ProgressUpdate,
    ReviewDecision,
)
from actions.quarters import Quarter, quarter_of
from measures.models import (
    BaselineStatus,
    Direction,
    Indicator,
    Observation,
    ObservationStatus,
    Unit,
)
from measures.periods import parse_period

REAL_PLAN_SLUG = "2024-2027"
SEED_USERNAME = "scale-seed"
MIN_FACTOR, MAX_FACTOR = 1, 200
QUARTERS_PER_ACTION = 12
SYNTHETIC_START_YEAR, SYNTHETIC_END_YEAR = 2021, 2023
OBSERVATION_YEARS = ("2023", "2024", "2025")
SUMMARY_PREFIX = "[Synthetic test data] "
CHANGE_REASON = "Synthetic data (seed_scale)"
BATCH = 500

# (slug, label, starts_on, ends_on): the synthetic plans' two periods, in the real plan's order.
_PERIODS = (
    ("2021", "During 2021", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
    ("2022-2023", "During 2022 to 2023", datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)),
)

_VERBS = (
    "Develop",
    "Review",
    "Publish",
    "Promote",
    "Extend",
    "Evaluate",
    "Strengthen",
    "Co-produce",
    "Pilot",
    "Embed",
    "Refresh",
    "Support employers to adopt",
)
_OBJECTS = (
    "a national induction programme",
    "guidance on flexible working",
    "the workforce well-being offer",
    "career pathways for care workers",
    "a digital skills framework",
    "recruitment and retention campaigns",
    "data on workforce diversity",
    "leadership development for registered managers",
    "apprenticeship routes into social care",
    "peer support networks",
    "Welsh language skills support",
    "supervision standards",
)
_QUALIFIERS = (
    "for domiciliary care",
    "across residential child care",
    "with employers and trade unions",
    "in partnership with local authorities",
    "for newly qualified social workers",
    "in rural areas",
    "using the workforce survey results",
    "with people who use care and support",
)
_ACTIVITIES = (
    "workshops held with employers",
    "draft guidance shared for comment",
    "survey results analysed",
    "steering group met twice",
    "pilot sites recruited",
    "evaluation partner appointed",
    "resources translated into Welsh",
    "feedback gathered from the workforce",
)
_REASONS_WORSE = (
    "Recruitment to the project team has taken longer than planned.",
    "Partner capacity was redirected to winter pressures.",
    "Funding for the next phase is not yet confirmed.",
)
_REASONS_CLOSED = (
    "Superseded by a national programme with the same aim.",
    "Merged into another action of this plan.",
)
_REASONS_DATE = (
    "The consultation period was extended.",
    "Procurement of a delivery partner took longer than expected.",
    "Dependent work in another action moved later.",
)

# From each status, the next quarter's status and its weight.
_NEXT = {
    ActionStatus.NOT_STARTED: (
        (ActionStatus.NOT_STARTED, 30),
        (ActionStatus.ON_TRACK, 60),
        (ActionStatus.MINOR_DELAYS, 10),
    ),
    ActionStatus.ON_TRACK: (
        (ActionStatus.ON_TRACK, 76),
        (ActionStatus.MINOR_DELAYS, 12),
        (ActionStatus.SIGNIFICANT_DELAYS, 4),
        (ActionStatus.COMPLETE, 7),
        (ActionStatus.CLOSED, 1),
    ),
    ActionStatus.MINOR_DELAYS: (
        (ActionStatus.ON_TRACK, 45),
        (ActionStatus.MINOR_DELAYS, 35),
        (ActionStatus.SIGNIFICANT_DELAYS, 15),
        (ActionStatus.COMPLETE, 5),
    ),
    ActionStatus.SIGNIFICANT_DELAYS: (
        (ActionStatus.SIGNIFICANT_DELAYS, 40),
        (ActionStatus.MINOR_DELAYS, 35),
        (ActionStatus.ON_TRACK, 20),
        (ActionStatus.CLOSED, 5),
    ),
}
_FINISHED = (ActionStatus.COMPLETE, ActionStatus.CLOSED)
_VALUE_SHAPES = {
    Unit.PERCENT: (20, 80, 4, 1),
    Unit.COUNT: (100, 5000, 250, 1),
    Unit.SCORE: (40, 80, 5, 10),
    Unit.YEARS: (20, 120, 5, 10),
}


class ScaleSeedError(Exception):
    """The database cannot take synthetic data yet (for example the real plan is missing)."""


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


def _plan_slug(index: int) -> str:
    return f"synthetic-{index:02d}"


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _quarters(first: Quarter, last: Quarter) -> list[Quarter]:
    quarters, quarter = [], first
    while quarter <= last:
        quarters.append(quarter)
        quarter = (
            Quarter(quarter.year, quarter.number + 1)
            if quarter.number < 4
            else Quarter(quarter.year + 1, 1)
        )
    return quarters


class _Seeder:
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

    def _updates_for(
        self, action: Action, period_ends: datetime.date, quarters: list[Quarter], where: str
    ) -> tuple[list[ProgressUpdate], str, datetime.date]:
        """One approved update per quarter, shaped so that each would pass the form's checks.

        Returns the unsaved updates and the status and target date they derive.
        """
        rng = self.rng(where, action.number, "updates")
        status = rng.choice((ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK))
        current, target = ActionStatus.NO_UPDATE, period_ends
        updates = []
        for i, quarter in enumerate(quarters):
            if i:
                choices = [
                    (s, w)
                    for s, w in _NEXT.get(status, ((status, 1),))
                    if s not in _FINISHED or i >= 3
                ]
                status = rng.choices([s for s, _w in choices], [w for _s, w in choices])[0]
            reason = ""
            worse = (
                current in STATUS_RANK
                and status in STATUS_RANK
                and STATUS_RANK[status] < STATUS_RANK[current]
            )
            if status == ActionStatus.CLOSED:
                reason = rng.choice(_REASONS_CLOSED)
            elif worse:
                reason = rng.choice(_REASONS_WORSE)
            revised, date_reason = None, ""
            if status not in _FINISHED and rng.random() < 0.08:
                revised = _add_months(target, rng.choice((3, 6, 9, 12)))
                date_reason = rng.choice(_REASONS_DATE)
                target = revised
            activity = rng.choice(_ACTIVITIES)
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
        return updates, current, target

    def _save_updates(self, updates: list[ProgressUpdate]) -> None:
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
            _quarters(Quarter(last.year - 3, last.number), last)[0],
        )
        quarters = _quarters(first, last)[-QUARTERS_PER_ACTION:]
        updates: list[ProgressUpdate] = []
        added: dict[int, int] = {}
        for action in actions:
            mine, _status, _target = self._updates_for(
                action, action.period.ends_on, quarters, plan.slug
            )
            updates.extend(mine)
            added[action.pk] = len(mine)
        self._save_updates(updates)
        self.counts["real_plan_updates"] = len(updates)
        # Derive status and target date from every approved update, real ones included, the
        # way actions.services._action_refresh does.
        derived = _derive(list(added))
        changed = []
        for action in actions:
            status, target = derived.get(action.pk, (ActionStatus.NO_UPDATE, None))
            action.status = status
            action.target_date = target or action.period.ends_on
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

    # Synthetic plans ------------------------------------------------------------------------

    def synthetic_plans(self, *, factor: int) -> None:
        real = self.real_plan
        wanted = {_plan_slug(i): i for i in range(1, factor + 1)}
        existing = set(DeliveryPlan.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        self.counts["plans_existing"] = len(existing)
        missing = [slug for slug in wanted if slug not in existing]
        if not missing:
            return
        template = list(
            Action.objects.filter(plan=real)
            .select_related("theme", "period")
            .order_by("number")
            .values_list("number", "theme_id", "period__position")
        )
        indicators = list(
            Indicator.objects.filter(plan=real)
            .select_related("theme")
            .order_by("theme__number", "position")
        )
        organisations = list(Organisation.objects.order_by("slug"))
        if not organisations:
            raise ScaleSeedError("No organisations exist. Run `python manage.py load_plan` first.")
        lead_default = next((o for o in organisations if o.slug == "social-care-wales"), None)

        plans = bulk_create_with_history(
            [
                DeliveryPlan(
                    strategy_id=real.strategy_id,
                    slug=slug,
                    title_en=f"Synthetic delivery plan {wanted[slug]:02d} (test data)",
                    summary_en=(
                        "Generated by `python manage.py seed_scale` for performance tests. "
                        "Not real data."
                    ),
                    start_year=SYNTHETIC_START_YEAR,
                    end_year=SYNTHETIC_END_YEAR,
                )
                for slug in missing
            ],
            DeliveryPlan,
            **self.history,
        )
        periods = bulk_create_with_history(
            [
                DeliveryPeriod(
                    plan=plan,
                    slug=slug,
                    label_en=label,
                    position=position,
                    starts_on=starts,
                    ends_on=ends,
                )
                for plan in plans
                for position, (slug, label, starts, ends) in enumerate(_PERIODS, start=1)
            ],
            DeliveryPeriod,
            **self.history,
        )
        period_of = {(p.plan_id, p.position): p for p in periods}
        quarters = _quarters(Quarter(SYNTHETIC_START_YEAR, 1), Quarter(SYNTHETIC_END_YEAR, 4))

        actions, details = [], []
        for plan in plans:
            for number, theme_id, position in template:
                rng = self.rng(plan.slug, number, "action")
                period = period_of[(plan.pk, min(position, len(_PERIODS)))]
                action = Action(
                    plan=plan,
                    theme_id=theme_id,
                    period=period,
                    number=number,
                    text_en=(
                        f"Synthetic: {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
                        f"{rng.choice(_QUALIFIERS)}."
                    ),
                )
                sub_points = (
                    [
                        f"Synthetic sub-point {i}: {rng.choice(_ACTIVITIES)}."
                        for i in range(1, rng.choice((2, 3, 4)) + 1)
                    ]
                    if rng.random() < 0.1
                    else []
                )
                lead = (
                    lead_default
                    if lead_default and rng.random() < 0.7
                    else rng.choice(organisations)
                )
                others = [o for o in organisations if o.pk != lead.pk]
                partners = rng.sample(others, k=min(len(others), rng.choice((0, 0, 1, 2))))
                owners = [(lead, OwnerRole.LEAD, rng.random() < 0.5)] + [
                    (o, OwnerRole.PARTNER, True) for o in partners
                ]
                updates, status, target = self._updates_for(
                    action, period.ends_on, quarters, plan.slug
                )
                action.status, action.target_date = status, target
                action.version = 2 * len(updates)
                actions.append(action)
                details.append((sub_points, owners, updates))
        actions = bulk_create_with_history(actions, Action, batch_size=BATCH, **self.history)
        sub_point_rows, owner_rows, update_rows = [], [], []
        for action, (sub_points, owners, updates) in zip(actions, details, strict=True):
            sub_point_rows += [
                ActionSubPoint(action=action, position=i, text_en=text)
                for i, text in enumerate(sub_points, start=1)
            ]
            owner_rows += [
                ActionOwner(action=action, organisation=o, role=role, named_in_text=named)
                for o, role, named in owners
            ]
            for update in updates:
                update.action = action
            update_rows += updates
        bulk_create_with_history(sub_point_rows, ActionSubPoint, batch_size=BATCH, **self.history)
        bulk_create_with_history(owner_rows, ActionOwner, batch_size=BATCH, **self.history)
        self._save_updates(update_rows)
        self.counts["plans"] = len(plans)
        self.counts["actions"] = len(actions)
        self.counts["sub_points"] = len(sub_point_rows)
        self.counts["owners"] = len(owner_rows)
        self._indicators(plans, indicators)

    def _indicators(self, plans: list[DeliveryPlan], template: list[Indicator]) -> None:
        rows, series = [], []
        for plan in plans:
            for source in template:
                rng = self.rng(plan.slug, "indicator", source.theme.number, source.position)
                unit = source.unit
                # (first value range, yearly change range, divisor) in the indicator's unit.
                low, high, change, divisor = _VALUE_SHAPES.get(unit, _VALUE_SHAPES[Unit.YEARS])
                values = [Decimal(rng.randrange(low, high)) / divisor]
                for _year in OBSERVATION_YEARS[1:]:
                    value = values[-1] + Decimal(rng.randrange(-change, change + 1)) / divisor
                    if unit == Unit.PERCENT:
                        value = min(value, Decimal(100))
                    values.append(max(value, Decimal(0)))
                indicator = Indicator(
                    plan=plan,
                    theme_id=source.theme_id,
                    position=source.position,
                    statement_en=f"synthetic: {source.statement_en}",
                    baseline_text_en=f"{values[0]} in {OBSERVATION_YEARS[0]} (synthetic)",
                    baseline_status=BaselineStatus.SET,
                    direction=source.direction,
                    unit=unit,
                    tolerance=source.tolerance
                    if source.direction != Direction.MAINTAIN or source.tolerance is not None
                    else Decimal(2),
                    notes_en="Synthetic indicator from seed_scale; not real data.",
                )
                rows.append(indicator)
                series.append(
                    (values, self.rng(plan.slug, "recorded", source.theme.number, source.position))
                )
        rows = bulk_create_with_history(rows, Indicator, batch_size=BATCH, **self.history)
        observations = []
        for indicator, (values, rng) in zip(rows, series, strict=True):
            for i, (year, value) in enumerate(zip(OBSERVATION_YEARS, values, strict=True)):
                observations.append(
                    Observation(
                        indicator=indicator,
                        period=year,
                        period_end=parse_period(year).ends_on,
                        value=value,
                        source_en="Synthetic survey (seed_scale)",
                        status=ObservationStatus.PROVISIONAL
                        if year == OBSERVATION_YEARS[-1]
                        else ObservationStatus.FINAL,
                        is_baseline=i == 0,
                        recorded_by=self.user,
                        # Recorded a few months after the year it covers, as real values are.
                        created_at=min(
                            datetime.datetime.combine(
                                parse_period(year).ends_on
                                + datetime.timedelta(days=rng.randrange(30, 151)),
                                datetime.time(10, 0),
                                tzinfo=datetime.UTC,
                            ),
                            self.now - datetime.timedelta(days=1),
                        ),
                    )
                )
        bulk_create_with_history(observations, Observation, batch_size=BATCH, **self.history)
        self.counts["indicators"] = len(rows)
        self.counts["observations"] = len(observations)


def _derive(action_ids: list[int]) -> dict[int, tuple[str, datetime.date | None]]:
    """Each action's status and latest revised date from its approved updates.

    Same order and rule as ``actions.services._action_refresh``: the latest quarter wins (then
    the latest submitted), and the last revised target date in that order wins. None means the
    period's end date.
    """
    result: dict[int, tuple[str, datetime.date | None]] = {}
    rows = (
        ProgressUpdate.objects.filter(
            action_id__in=action_ids, review__decision=ReviewDecision.APPROVE
        )
        .order_by("action_id", "quarter", "submitted_at", "pk")
        .values_list("action_id", "status", "revised_target_date")
    )
    for action_id, status, revised in rows.iterator(chunk_size=2000):
        _old, target = result.get(action_id, (None, None))
        result[action_id] = (status, revised or target)
    return result
