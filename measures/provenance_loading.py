"""Loading where each indicator's figures come from, as the plan's own text says.

The document (fixtures/indicator-provenance-<plan>.json) names, for each indicator whose source
the plan names, its source publication, producer and frequency in both languages, with the
plan's words as evidence; and the release date of baselines the plan itself published.

A reload (every deploy) only fills fields that are empty: once an Editor has corrected or
completed the provenance on the indicator's page, the file no longer overrides it.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from measures.freshness import Frequency
from measures.models import Indicator

FORMAT = 1
# Document keys, each filled into the model field of the same name (``_en`` for English).
TEXT_KEYS = ("source_publication", "producer")
PLAIN_KEYS = ("source_url", "frequency")


class ProvenanceDocumentError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _values(record: dict) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        if record.get(key):
            values[f"{key}_en"] = record[key]
        if record.get(f"{key}_cy"):
            values[f"{key}_cy"] = record[f"{key}_cy"]
    for key in PLAIN_KEYS:
        if record.get(key):
            values[key] = record[key]
    if record.get("next_release"):
        values["next_release"] = datetime.date.fromisoformat(record["next_release"])
    return values


def _check(document: dict, indicators: dict[str, Indicator]) -> list[str]:
    problems = []
    if document.get("format") != FORMAT:
        problems.append(f"format: expected {FORMAT}, found {document.get('format')!r}.")
    sections = (("indicators", "indicators"), ("baseline_release_dates", "baseline_release_dates"))
    for key, where in sections:
        for i, record in enumerate(document.get(key, [])):
            here = f"{where}[{i}] (indicator {record.get('code')})"
            if record.get("code") not in indicators:
                problems.append(f"{here}: no such indicator in plan {document.get('plan')}.")
            if not record.get("evidence"):
                problems.append(f"{here}: give the plan's words that say this as 'evidence'.")
            if record.get("frequency", "") not in ("", *Frequency.values):
                problems.append(f"{here}: frequency must be one of {', '.join(Frequency.values)}.")
            for date_key in ("next_release", "release_date"):
                try:
                    if record.get(date_key):
                        datetime.date.fromisoformat(record[date_key])
                except (TypeError, ValueError):
                    problems.append(f"{here}: {date_key} must be a date written YYYY-MM-DD.")
    return problems


def provenance_load(*, document: dict) -> int:
    """Fill the provenance the document gives wherever the field is still empty; all or
    nothing. Returns how many indicators and values were changed."""
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(plan__slug=document.get("plan", "")).select_related(
            "theme"
        )
    }
    problems = _check(document, indicators)
    if problems:
        raise ProvenanceDocumentError(problems)
    changed = 0
    with transaction.atomic():
        for i, record in enumerate(document.get("indicators", [])):
            indicator = indicators[record["code"]]
            empty = {k: v for k, v in _values(record).items() if not getattr(indicator, k)}
            if empty:
                for name, value in empty.items():
                    setattr(indicator, name, value)
                _save(indicator, f"indicators[{i}] (indicator {record['code']})")
                changed += 1
        for i, record in enumerate(document.get("baseline_release_dates", [])):
            released = datetime.date.fromisoformat(record["release_date"])
            baselines = indicators[record["code"]].observations.filter(
                is_baseline=True, release_date__isnull=True
            )
            for observation in baselines:
                observation.release_date = released
                _save(observation, f"baseline_release_dates[{i}] (indicator {record['code']})")
                changed += 1
    return changed


def _save(obj, where: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise ProvenanceDocumentError([f"{where}: {details}"]) from exc
    obj.save()
