import argparse
import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from actions.models import DeliveryPlan
from reports.models import AnnualReport
from reports.services import _validate_request, report_render


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date: write it as YYYY-MM-DD, for example 2025-03-31."
        ) from None


def _check_database() -> None:
    """Stop with what to run, not a traceback, when the database is not set up yet."""
    database = settings.DATABASES["default"]["NAME"]
    setup = "with the same DATABASE_URL and DEBUG as the site (bin/serve does both)"
    try:
        has_plan = DeliveryPlan.objects.exists()
    except DatabaseError as exc:
        raise CommandError(
            f"The database {database} is not ready ({exc}). Run `python manage.py migrate` "
            f"and `python manage.py load_plan` first, {setup}."
        ) from exc
    if not has_plan:
        raise CommandError(
            f"No plan is loaded in the database {database}. Run `python manage.py load_plan` "
            f"first, {setup}."
        )


class Command(BaseCommand):
    help = "Build an annual progress report PDF now, through the same code as the web service."

    def add_arguments(self, parser):
        parser.add_argument("--plan", default="2024-2027", help="Plan slug (default 2024-2027).")
        parser.add_argument("--year", type=int, required=True, help="Reporting year, e.g. 2024.")
        parser.add_argument(
            "--lang", choices=[code for code, _name in settings.LANGUAGES], default="en"
        )
        parser.add_argument(
            "--as-at",
            type=_date,
            help=(
                "Cut-off date YYYY-MM-DD, from 31 December of the year to today (default: 31 "
                "March after the year, or today if sooner)."
            ),
        )
        parser.add_argument("--output", type=Path, required=True, help="Where to write the PDF.")
        parser.add_argument("--html", type=Path, help="Also write the HTML edition here.")

    def handle(self, *args, plan, year, lang, as_at, output, html, **options):
        as_at = as_at or min(timezone.localdate(), datetime.date(year + 1, 3, 31))
        _check_database()
        try:
            plan_obj = _validate_request(plan_slug=plan, year=year, as_at=as_at, language=lang)
        except ValidationError as exc:
            problems = "; ".join(
                f"--{k.replace('_', '-')}: {' '.join(v)}" for k, v in exc.message_dict.items()
            )
            raise CommandError(problems) from exc
        if not output.parent.exists():
            raise CommandError(f"--output: the folder {output.parent} does not exist.")
        # The report's record, as the web service makes it (report_request): its introduction
        # and the stories approved for it are read through it.
        report, _created = AnnualReport.objects.get_or_create(plan=plan_obj, year=year)
        started = timezone.now()
        result = report_render(report=report, as_at=as_at, language=lang)
        output.write_bytes(result["pdf"])
        if html:
            html.write_text(result["html"], encoding="utf-8")
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"{output}: {result['pages']} pages, {len(result['pdf'])} bytes, "
            f"built in {seconds:.1f} s ({plan_obj.slug}, {year}, {lang}, as at {as_at})."
        )
