"""The public, stable shape of decisions in /data/decisions.json: published decisions only
(public, and their meeting's minutes approved), never internal ones. Add fields if you must,
never rename or remove one; docs/open-data.md documents every field."""

from django.urls import reverse

from sig.models import Decision


def decision_records(decisions) -> list[dict]:
    """One record per decision; `decisions` comes from selectors.decisions_published(), whose
    prefetches keep this at a fixed number of queries."""
    return [_record(decision) for decision in decisions]


def _record(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "wording": decision.wording_en,
        "wording_cy": decision.wording_cy or None,
        "date": decision.meeting.held_on.isoformat(),
        "actions": [{"plan": a.plan.slug, "number": a.number} for a in decision.actions.all()],
        "themes": sorted(theme.number for theme in decision.themes.all()),
        "organisation": decision.organisation.slug,
        "state": decision.state,
        "due_date": decision.due_on.isoformat(),
        "url": f"{reverse('sig:decisions')}#decision-{decision.pk}",
    }
