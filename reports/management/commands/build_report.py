import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.models import DeliveryPlan
from reports.models import AnnualReport
from reports.services import _validate_request, report_render


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
            type=datetime.date.fromisoformat,
            help="Cut-off date YYYY-MM-DD (default: 31 March after the year, or today if sooner).",
        )
        parser.add_argument("--output", type=Path, required=True, help="Where to write the PDF.")
        parser.add_argument("--html", type=Path, help="Also write the HTML edition here.")

    def handle(self, *args, plan, year, lang, as_at, output, html, **options):
        as_at = as_at or min(timezone.localdate(), datetime.date(year + 1, 3, 31))
        try:
            plan_obj = _validate_request(plan_slug=plan, year=year, as_at=as_at, language=lang)
        except ValidationError as exc:
            problems = "; ".join(
                f"--{k.replace('_', '-')}: {' '.join(v)}" for k, v in exc.message_dict.items()
            )
            raise CommandError(problems) from exc
        report = AnnualReport.objects.filter(plan=plan_obj, year=year).first() or AnnualReport(
            plan=plan_obj, year=year
        )
        if not output.parent.exists():
            raise CommandError(f"--output: the folder {output.parent} does not exist.")
        started = timezone.now()
        result = report_render(report=report, as_at=as_at, language=lang)
        output.write_bytes(result["pdf"])
        if html:
            html.write_text(result["html"], encoding="utf-8")
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"{output}: {result['pages']} pages, {len(result['pdf'])} bytes, "
            f"built in {seconds:.1f} s ({DeliveryPlan.objects.get(pk=plan_obj.pk).slug}, "
            f"{year}, {lang}, as at {as_at})."
        )
