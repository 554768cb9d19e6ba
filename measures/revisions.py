"""Revised values: a correction keeps the figure it replaced visible, as statistical releases do.

Every save of a value adds a row to its append-only audit trail (django-simple-history), so
the trail already holds each figure a value has had. A value is **revised** when its trail holds
more than one figure; changing only its notes, source, status or release date is no revision.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from measures.models import Observation


@dataclass(frozen=True)
class Figure:
    """One figure a value has had, as first saved."""

    value: Decimal
    status: str
    release_date: datetime.date | None
    saved_at: datetime.datetime
    saved_by: object | None


@dataclass(frozen=True)
class ValueHistory:
    # Figures the value had before its current one, oldest first.
    earlier: tuple[Figure, ...]
    # The latest save, when the value was changed after it was recorded (staff see who).
    changed_at: datetime.datetime | None = None
    changed_by: object | None = None

    @property
    def revised(self) -> bool:
        return bool(self.earlier)


NOT_REVISED = ValueHistory(earlier=())


def value_histories(*, indicator) -> dict[int, ValueHistory]:
    """Each of the indicator's values' history, by value id; one query."""
    records = (
        Observation.history.filter(indicator_id=indicator.pk)
        .exclude(history_type="-")
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    by_value: dict[int, list] = {}
    for record in records:
        by_value.setdefault(record.id, []).append(record)
    return {pk: _history(rows) for pk, rows in by_value.items()}


def _history(rows: list) -> ValueHistory:
    figures: list[Figure] = []
    for row in rows:
        if not figures or figures[-1].value != row.value:
            figures.append(
                Figure(row.value, row.status, row.release_date, row.history_date, row.history_user)
            )
    last = rows[-1]
    changed = len(rows) > 1
    return ValueHistory(
        earlier=tuple(figures[:-1]),
        changed_at=last.history_date if changed else None,
        changed_by=last.history_user if changed else None,
    )


def revised_ids(*, indicator_ids: Iterable[int]) -> set[int]:
    """The ids of these indicators' values whose trail holds more than one figure; one query."""
    return set(
        Observation.history.filter(indicator_id__in=list(indicator_ids))
        .exclude(history_type="-")
        .values("id")
        .annotate(figures=Count("value", distinct=True))
        .filter(figures__gt=1)
        .values_list("id", flat=True)
    )


def values_with_history(*, indicator) -> list[tuple[Observation, ValueHistory]]:
    """The indicator's values (prefetched, in time order), each with its history."""
    histories = value_histories(indicator=indicator)
    return [(o, histories.get(o.pk, NOT_REVISED)) for o in indicator.observations.all()]
