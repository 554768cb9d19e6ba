"""Values and a published report for the sample pages in this folder (see README.md).

Run on a development database after `load_plan` and `seed_scale --factor 1`:

    python manage.py shell < docs/report-sample/make_sample.py

It records made-up 2024 and 2025 values for some of the real plan's indicators (source
"Sample data"), as if recorded in January of the next year, publishes a 2024 report as at
31 January 2025, and writes both editions of the 2024 report and of the 2025 report (as at
31 January 2026, which compares itself with the 2024 one) to /tmp/report-sample/.
"""

import datetime
import tempfile
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from actions.models import DeliveryPlan
from measures.models import Indicator, Observation
from reports.models import AnnualReport, ReportRun, RunStatus
from reports.services import report_render

# (indicator, breakdown, (2024 period, value), (2025 period, value)); the 2025 values are
# provisional.
VALUES = [
    ("1.1", "", ("2024", 68), ("2025", 70)),
    ("1.2", "social-care-wales", ("2024", 38), ("2025", 41)),
    ("1.2", "canopi", ("2024", 6), ("2025", 6)),
    ("1.3", "", ("2024", 28), ("2025", 24)),
    ("2.1", "", ("2024", 62), ("2025", 66)),
    ("2.3", "", ("2024", 66), ("2025", 64)),
    ("5.1", "adult-care-homes", ("2024-12", 50), ("2025-12", 47)),
    ("5.1", "domiciliary-care", ("2024-12", 44), ("2025-12", 41)),
    ("5.1", "residential-child-care", ("2024-12", 70), ("2025-12", 66)),
    ("5.2", "", ("2024", 81), ("2025", 82)),
]
OUT = Path(tempfile.gettempdir()) / "report-sample"


def record_values() -> None:
    for code, breakdown, *points in VALUES:
        theme, position = code.split(".")
        indicator = Indicator.objects.get(
            plan__slug="2024-2027", theme__number=theme, position=position
        )
        baseline = indicator.observations.get(is_baseline=True, breakdown=breakdown)
        for period, value in points:
            year = int(period[:4]) + 1
            Observation.objects.get_or_create(
                indicator=indicator,
                period=period,
                breakdown=breakdown,
                defaults={
                    "breakdown_label_en": baseline.breakdown_label_en,
                    "breakdown_label_cy": baseline.breakdown_label_cy,
                    "value": Decimal(value),
                    "source_en": "Sample data",
                    "source_cy": "Data enghreifftiol",
                    "status": "provisional" if year == 2026 else "final",
                    "period_end": baseline.period_end.replace(year=int(period[:4])),
                    "created_at": timezone.make_aware(datetime.datetime(year, 1, 15)),
                },
            )


def write(report: AnnualReport, as_at: datetime.date) -> None:
    OUT.mkdir(exist_ok=True)
    for language in ("en", "cy"):
        output = report_render(report=report, as_at=as_at, language=language)
        stem = f"report-{report.year}-{language}"
        (OUT / f"{stem}.pdf").write_bytes(output["pdf"])
        (OUT / f"{stem}.html").write_text(output["html"], encoding="utf-8")
        print(stem, output["pages"], "pages")


record_values()
plan = DeliveryPlan.objects.get(slug="2024-2027")
plan_2024 = AnnualReport.objects.get_or_create(plan=plan, year=2024)[0]
as_at_2024 = datetime.date(2025, 1, 31)
editor = User.objects.filter(is_staff=True).first()
ReportRun.objects.get_or_create(
    report=plan_2024,
    language="en",
    as_at=as_at_2024,
    defaults={
        "status": RunStatus.READY,
        "version": 1,
        "published_at": timezone.make_aware(datetime.datetime(2025, 2, 14, 10)),
        "published_by": editor,
    },
)
write(plan_2024, as_at_2024)
report_2025 = AnnualReport.objects.get_or_create(plan=plan, year=2025)[0]
write(report_2025, datetime.date(2026, 1, 31))
