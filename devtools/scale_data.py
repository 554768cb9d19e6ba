"""The fixed parts of the synthetic data (see ``devtools.scale``): its limits, wording and shapes.

Nothing here touches the database.
"""

import calendar
import datetime

from actions.quarters import Quarter
from actions.status import ActionStatus
from measures.models import Unit

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
PERIODS = (
    ("2021", "During 2021", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
    ("2022-2023", "During 2022 to 2023", datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)),
)

VERBS = (
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
OBJECTS = (
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
QUALIFIERS = (
    "for domiciliary care",
    "across residential child care",
    "with employers and trade unions",
    "in partnership with local authorities",
    "for newly qualified social workers",
    "in rural areas",
    "using the workforce survey results",
    "with people who use care and support",
)
ACTIVITIES = (
    "workshops held with employers",
    "draft guidance shared for comment",
    "survey results analysed",
    "steering group met twice",
    "pilot sites recruited",
    "evaluation partner appointed",
    "resources translated into Welsh",
    "feedback gathered from the workforce",
)
REASONS_WORSE = (
    "Recruitment to the project team has taken longer than planned.",
    "Partner capacity was redirected to winter pressures.",
    "Funding for the next phase is not yet confirmed.",
)
REASONS_CLOSED = (
    "Superseded by a national programme with the same aim.",
    "Merged into another action of this plan.",
)
REASONS_DATE = (
    "The consultation period was extended.",
    "Procurement of a delivery partner took longer than expected.",
    "Dependent work in another action moved later.",
)

# From each status, the next quarter's status and its weight.
NEXT = {
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
VALUE_SHAPES = {
    Unit.PERCENT: (20, 80, 4, 1),
    Unit.COUNT: (100, 5000, 250, 1),
    Unit.SCORE: (40, 80, 5, 10),
    Unit.YEARS: (20, 120, 5, 10),
}


class ScaleSeedError(Exception):
    """The database cannot take synthetic data yet (for example the real plan is missing)."""


def plan_slug(index: int) -> str:
    """The slug of synthetic plan number `index`: synthetic-01, synthetic-02 ..."""
    return f"synthetic-{index:02d}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def quarter_range(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from `first` to `last`, both included."""
    result, quarter = [], first
    while quarter <= last:
        result.append(quarter)
        quarter = (
            Quarter(quarter.year, quarter.number + 1)
            if quarter.number < 4
            else Quarter(quarter.year + 1, 1)
        )
    return result
