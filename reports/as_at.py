"""Rows as they stood at a report's cut-off, read from django-simple-history.

A report as at a date must read every fact as it stood at the end of that day, so a value
corrected afterwards cannot change a rebuilt edition. Each content model keeps its history
(each app's ``translation.py``); this module turns that history into ordinary model instances
that the report's code and templates read like live rows, without querying again.

- A row's version is its latest history record up to the cut-off. Where its history starts
  after the cut-off (the plan was loaded after the reporting year, say), it is the earliest
  record, and where a row has no history at all (loaded from a fixture) it is the live row.
- A row deleted after the cut-off is still read, as it stood (or, its history starting after
  the cut-off, as it was first recorded); one deleted by the cut-off is not.
- The Welsh columns are read as they are now: a translation corrects no fact, and the
  translation of a text may be finished only after the cut-off.

Each call costs two queries (the live rows and their history), whatever the number of rows.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

DELETED = "-"


def _later_language_fields(model: type[Model]) -> list[str]:
    """The columns holding translations (``text_cy``), read at build time."""
    try:
        fields = translator.get_options_for_model(model).fields
    except NotRegistered:
        return []
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        build_localized_fieldname(name, code)
        for name in fields
        for code, _label in settings.LANGUAGES
        if code != default
    ]


def rows_as_at(model: type[Model], cutoff: datetime.datetime, **filters) -> list:
    """The rows of ``model`` matching ``filters`` (which must hold for every version of a
    row, such as its plan), each as it stood at ``cutoff``, in primary key order."""
    live = {row.pk: row for row in model.objects.filter(**filters)}
    chosen, latest = {}, {}
    pk_name = model._meta.pk.attname
    records = model.history.filter(**filters).order_by("history_date", "history_id")
    for record in records:
        pk = getattr(record, pk_name)
        if pk not in chosen or record.history_date <= cutoff:
            chosen[pk] = record
        latest[pk] = record
    translations = _later_language_fields(model)
    rows = []
    for pk in sorted(set(live) | set(chosen)):
        record = chosen.get(pk)
        if record is None:
            rows.append(live[pk])  # no history: loaded without it, read as it is
            continue
        if record.history_type == DELETED:
            continue  # deleted by the cut-off
        row = record.instance
        row._state.adding, row._state.db = False, record._state.db
        now = live.get(pk) or latest[pk]
        for name in translations:
            setattr(row, name, getattr(now, name))
        rows.append(row)
    return rows


def attach(rows: Iterable[Model], name: str, related: Iterable[Model], key: str) -> None:
    """Give each row the ``related`` rows whose ``key`` is its pk as its ``name`` (a reverse
    relation such as ``sub_points``), as ``prefetch_related`` would: ``row.name.all()`` then
    reads them without a query."""
    by_parent: dict = {}
    for item in related:
        by_parent.setdefault(getattr(item, key), []).append(item)
    for row in rows:
        queryset = getattr(row, name).all()
        queryset._result_cache = by_parent.get(row.pk, [])
        queryset._prefetch_done = True
        if not hasattr(row, "_prefetched_objects_cache"):
            row._prefetched_objects_cache = {}
        row._prefetched_objects_cache[name] = queryset


def link(rows: Iterable[Model], name: str, targets: dict) -> None:
    """Point each row's foreign key ``name`` at the instance in ``targets`` with its id, so
    reading ``row.name`` costs no query. A row whose target is not there keeps the lazy one."""
    attname = f"{name}_id"
    for row in rows:
        target = targets.get(getattr(row, attname))
        if target is not None:
            setattr(row, name, target)
