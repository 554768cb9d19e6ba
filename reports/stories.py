"""The theme stories a report prints, copied into each build.

A story is written after its year ends and may be corrected later, so reading it "as at the
cut-off" would find nothing. Instead each build keeps the words it printed
(`ReportRun.frozen_stories`), and a rebuild of an edition already published prints that
edition's words again: a published report never changes its story. An edition not yet published
takes the stories approved at build time, so a correction approved before publishing is in it.
"""

import datetime

from reports.models import AnnualReport, ReportRun
from themes.selectors import StoryCopy, stories_approved_copies


def report_stories(*, report: AnnualReport, as_at: datetime.date, language: str) -> dict:
    """The story copies for a build of this edition, keyed by theme number (JSON-ready)."""
    published = (
        ReportRun.objects.filter(
            report=report,
            as_at=as_at,
            language=language,
            published_at__isnull=False,
            frozen_stories__isnull=False,
        )
        .order_by("-version")
        .first()
    )
    if published is not None:
        return published.frozen_stories
    return stories_approved_copies(strategy=report.plan.strategy, year=report.year)


def stories_for_template(stories: dict) -> dict[str, StoryCopy]:
    return {number: StoryCopy(copy) for number, copy in (stories or {}).items()}
