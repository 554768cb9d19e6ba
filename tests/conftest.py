import os
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PLAN_FIXTURE = ROOT / "fixtures" / "plan-2024-2027.json"
PLAN_SOURCE = ROOT / "fixtures" / "sources" / "social-care-workforce-delivery-plan-2024-2027.txt"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failure: a missing component must not pass quietly."""
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CI", "").lower() == "true"
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"Skipped under CI=true, which counts as a failure: {reason}"


@pytest.fixture
def real_plan(db):
    """The real 2024 to 2027 plan, loaded through the same command as production."""
    call_command("load_plan", str(PLAN_FIXTURE), stdout=open(os.devnull, "w"))  # noqa: SIM115
    from actions.models import DeliveryPlan

    return DeliveryPlan.objects.get(slug="2024-2027")
