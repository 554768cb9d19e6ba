"""The audit log: the latest changes across every app, newest first, with who made them."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ProgressReview, ProgressUpdate
from measures.models import Observation
from reports.models import ReportRun

AUDIT_LIMIT = 100


def audit_entries(*, limit: int = AUDIT_LIMIT) -> list[dict]:
    """The latest changes to updates, reviews, actions and indicator values, newest first.

    A fixed number of queries: the newest `limit` of each history table (on its history_date
    index), then, per kind, the rows their descriptions name ("Update on action 5, 2025-Q1")
    in one query each, instead of one or two per line.
    """
    sources = [
        (_("Progress update"), ProgressUpdate, ("action",)),
        (_("Review"), ProgressReview, ("update__action",)),
        (_("Action"), Action, ()),
        (_("Indicator value"), Observation, ("indicator__theme",)),  # its code is the theme's
        # Builds and publications of the annual report; each row's text says its state.
        (_("Annual report"), ReportRun, ("report",)),
    ]
    entries = []
    for label, model, related in sources:
        records = list(
            model.history.select_related("history_user").order_by("-history_date", "-history_id")[
                :limit
            ]
        )
        instances = [record.instance for record in records]
        if related:
            prefetch_related_objects(instances, *related)
        entries += [
            {"label": label, "record": record, "instance": instance}
            for record, instance in zip(records, instances, strict=True)
        ]
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return entries[:limit]
