"""The audit trail: every recorded change across the apps, newest first, with who made it,
filterable by who, what and when, and downloadable.

Each kind of record keeps its own history table (django-simple-history). A page reads, per
kind, the newest matching rows on the history_date index, then the rows their descriptions
name in one query per kind: a fixed number of queries however long the history is.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Model, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from actions.models import (
    Action,
    MeasurementLine,
    OrganisationMembership,
    ProgressReview,
    ProgressUpdate,
)
from core.history import CHANGE_REASONS
from measures.models import MeasureFigure, MeasureStatement, Observation
from people.models import Invitation
from people.selectors import invitation_describe
from reports.models import ReportRun
from sig.models import Decision, Meeting, Risk

AUDIT_LIMIT = 100
# A download holds at most this many changes; narrow the filters for more.
EXPORT_LIMIT = 20_000


@dataclass(frozen=True)
class Source:
    key: str
    label: Promise
    model: type[Model]
    related: tuple[str, ...] = ()  # what the description of a row names
    history_prefetch: tuple[str, ...] = ()  # what the history row itself names


_MEASURE = ("measure__line__theme",)


def _sources() -> list[Source]:
    return [
        # An action is named with its plan ("action 5 of the 2024 to 2027 plan").
        Source("updates", _("Progress update"), ProgressUpdate, ("action__plan",)),
        Source("reviews", _("Review"), ProgressReview, ("update__action__plan",)),
        Source("actions", _("Action"), Action, ("plan",)),
        # An indicator value's description starts with its code, which is the theme's.
        Source("values", _("Indicator value"), Observation, ("indicator__theme",)),
        # Progress measure figures and statements start with their measure's code, such as 2.1.
        Source("measure-figures", _("Progress measure figure"), MeasureFigure, _MEASURE),
        Source("measure-statements", _("Progress measure statement"), MeasureStatement, _MEASURE),
        # Builds and publications of the annual report; each row's text says its state.
        Source("reports", _("Annual report"), ReportRun, ("report",)),
        # Who acts for which organisation, and so may update its actions.
        Source(
            "memberships",
            _("Organisation membership"),
            OrganisationMembership,
            ("user", "organisation"),
        ),
        Source("measurement-lines", _("Measurement line"), MeasurementLine),
        # The strategic implementation group's meetings (opening, minutes), decisions and risks.
        Source("meetings", _("Meeting"), Meeting),
        Source("decisions", _("Decision"), Decision),
        Source("risks", _("Risk"), Risk),
        # Accounts and their roles: who was given or lost which role, and by whom.
        Source(
            "people",
            _("Account and roles"),
            get_user_model(),
            (),
            ("historicaluser_groups_set__group",),
        ),
        # Invitations sent, sent again, withdrawn and accepted (people/).
        Source("invitations", _("Invitation"), Invitation),
    ]


def audit_kinds() -> list[tuple[str, str]]:
    return [(source.key, source.label) for source in _sources()]


@dataclass(frozen=True)
class AuditFilter:
    who: str = ""
    kind: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _matching(source: Source, filters: AuditFilter):
    records = source.model.history.select_related("history_user")
    if filters.who:
        records = records.filter(history_user__username__iexact=filters.who)
    if filters.since:
        records = records.filter(history_date__gte=_day_start(filters.since))
    if filters.until:
        records = records.filter(
            history_date__lt=_day_start(filters.until + datetime.timedelta(days=1))
        )
    return records


def _chosen(filters: AuditFilter) -> list[Source]:
    return [s for s in _sources() if not filters.kind or s.key == filters.kind]


def audit_count(*, filters: AuditFilter = AuditFilter()) -> int:
    return sum(_matching(source, filters).count() for source in _chosen(filters))


def audit_entries(*, filters: AuditFilter = AuditFilter(), limit: int = AUDIT_LIMIT) -> list[dict]:
    """The newest ``limit`` changes that match, newest first."""
    entries = []
    for source in _chosen(filters):
        records = list(
            _matching(source, filters)
            .prefetch_related(*source.history_prefetch)
            .order_by("-history_date", "-history_id")[:limit]
        )
        # An account is described from its history row alone (_describe); building the
        # account itself would read the columns its history leaves out, one query a row.
        instances = [None if source.key in _FROM_RECORD else record.instance for record in records]
        if source.related:
            prefetch_related_objects(instances, *source.related)
        entries += [
            {
                "label": source.label,
                "record": record,
                "instance": instance,
                "description": _describe(source, record, instance),
            }
            for record, instance in zip(records, instances, strict=True)
        ]
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return entries[:limit]


# Described from the history row alone (_describe), without building the row itself.
_FROM_RECORD = ("people", "invitations")


def _describe(source: Source, record, instance) -> str:
    if source.key == "invitations":
        return invitation_describe(record)
    if source.key == "people":
        roles = sorted(row.group.name for row in record.historicaluser_groups_set.all())
        state = "" if record.is_active else f" ({_('deactivated')})"
        described = _("{name}{state}; roles: {roles}").format(
            name=record.username, state=state, roles=", ".join(roles) or _("none")
        )
        reason = CHANGE_REASONS.get(record.history_change_reason or "")
        return f"{described} ({reason})" if reason else described
    return str(instance)


def audit_rows(entries: list[dict]) -> list[list[str]]:
    """The download's rows, in the order of its header (audit_header)."""
    return [
        [
            timezone.localtime(entry["record"].history_date).isoformat(timespec="seconds"),
            entry["record"].history_user.username if entry["record"].history_user else "",
            str(entry["label"]),
            entry["description"],
            str(entry["record"].get_history_type_display()),
        ]
        for entry in entries
    ]


def audit_header() -> list[str]:
    return [str(_("When")), str(_("Who")), str(_("What")), str(_("Item")), str(_("Change"))]
