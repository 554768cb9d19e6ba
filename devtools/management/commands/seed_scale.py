from django.core.management.base import BaseCommand, CommandError

from devtools.scale import (
    MAX_FACTOR,
    MIN_FACTOR,
    REAL_PLAN_SLUG,
    SEED_USERNAME,
    ScaleSeedError,
    scale_seed,
)


def _factor(value) -> int:
    allowed = f"--factor must be a whole number from {MIN_FACTOR} to {MAX_FACTOR}"
    try:
        factor = int(str(value).strip())
    except ValueError:
        raise CommandError(f"{allowed}, not {value!r}.") from None
    if not MIN_FACTOR <= factor <= MAX_FACTOR:
        raise CommandError(f"{allowed}, not {factor}.")
    return factor


class Command(BaseCommand):
    help = (
        "Add synthetic data for performance tests: N synthetic delivery plans of 41 actions "
        "each (synthetic-01 ...), with owners, sub-points, 12 approved quarterly updates per "
        "action and 21 indicators with values for 2023 to 2025; and up to 12 approved updates "
        f"on each action of the real plan {REAL_PLAN_SLUG} (submitted by the system user "
        f"{SEED_USERNAME}). Never run it on a live service. Running it again adds nothing; a "
        "larger factor adds only the missing plans."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor",
            required=True,
            help=f"How many synthetic plans to have, {MIN_FACTOR} to {MAX_FACTOR}.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2030,
            help="Random seed; the same seed and factor always give the same data. Default 2030.",
        )

    def handle(self, *args, factor=None, seed: int = 2030, **options):
        factor = _factor(factor)
        try:
            counts = scale_seed(factor=factor, seed=seed)
        except ScaleSeedError as exc:
            raise CommandError(str(exc)) from exc
        last = f"synthetic-{factor:02d}"
        if not counts["plans"] and not counts["real_plan_updates"]:
            self.stdout.write(
                f"Nothing to add: synthetic-01 to {last} exist and every action of "
                f"{REAL_PLAN_SLUG} already has seeded updates."
            )
            return
        if counts["real_plan_updates"]:
            self.stdout.write(
                f"Real plan {REAL_PLAN_SLUG}: added {counts['real_plan_updates']} approved "
                f"updates to {counts['real_plan_actions_updated']} actions (submitted by "
                f"{SEED_USERNAME}; status and target date derived again). Its texts, owners, "
                "indicators and baselines are unchanged."
            )
        if counts["plans"]:
            self.stdout.write(
                f"Synthetic plans: created {counts['plans']} "
                f"({counts['plans_existing']} already existed) with {counts['actions']} "
                f"actions, {counts['sub_points']} sub-points, {counts['owners']} owners, "
                f"{counts['updates'] - counts['real_plan_updates']} updates, "
                f"{counts['indicators']} indicators and {counts['observations']} values."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {counts['seconds']} s: {counts['updates']} updates and "
                f"{counts['reviews']} approvals in all."
            )
        )
