from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actions.models import DeliveryPlan
from measures.measure_loading import (
    FIXTURES,
    HISTORICAL_FIGURES,
    MeasuresFixtureError,
    historical_figures_load,
    measures_load,
)


class Command(BaseCommand):
    help = (
        "Make each line of the plans' “How we'll measure progress” a progress measure, as "
        "fixtures/measures-<plan>.json classes it, and load the 2021 to 2022 figures. Run after "
        "load_plan. Safe to run again: a second run changes nothing."
    )

    def handle(self, *args, **options):
        paths = [
            path
            for slug in DeliveryPlan.objects.values_list("slug", flat=True)
            if (path := FIXTURES / f"measures-{slug}.json").exists()
        ]
        if not paths:
            raise CommandError("No plan with a measures fixture is loaded: run load_plan first.")
        try:
            counts = None
            for path in paths:
                counts = measures_load(path=Path(path), counts=counts)
            counts = historical_figures_load(path=HISTORICAL_FIGURES, counts=counts)
        except (MeasuresFixtureError, DeliveryPlan.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        if not any(vars(counts).values()):
            self.stdout.write("Progress measures: nothing changed.")
            return
        self.stdout.write(
            f"Progress measures: {counts.measures_added} added, {counts.measures_changed} "
            f"changed; {counts.figures_added} historical figures added, "
            f"{counts.figures_linked} linked to their theme story."
        )
