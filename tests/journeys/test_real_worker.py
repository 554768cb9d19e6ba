"""Issue 12: "Browser tests and real-worker tests use a real worker."

A report an Editor asks for in the browser is built by the session's Celery worker, a process of
its own (tests/a11y/conftest.py `job_worker`), not inside the web request nor in the test's
process. This fails if jobs ran eagerly again: nothing would reach the broker, the worker's log
would not show the job, and the page would say "Ready" at once.
"""

import re

from django.utils import timezone
from playwright.sync_api import expect

from reports.models import ReportRun, RunStatus
from tests.factories import UserFactory
from tests.journeys.browsing import Person
from tests.journeys.waiting import reload_until

BUILD = "reports.tasks.report_build_task"


def test_a_report_asked_for_in_the_browser_is_built_by_the_worker_process(
    site, new_context, job_worker
):
    user = UserFactory(username="worker-editor", role="Editor")
    editor = Person(new_context(), site, "en")
    page = editor.page
    editor.arrive()
    editor.sign_in(user.username)
    editor.follow("Annual report builder", within="header")
    today = timezone.localdate()
    page.fill("#id_year", "2025")
    for part, value in enumerate((today.day, today.month, today.year)):
        page.fill(f"#id_as_at_{part}", str(value))
    page.locator("input[name=languages][value=cy]").uncheck()  # one edition is enough here
    editor.submit("Build the report")

    # The request answered at once: the build is only queued or under way.
    status = page.locator("main [role=status]")
    expect(status).to_contain_text(re.compile(r"^\s*(Queued|Building)\b"))
    reload_until(status.filter(has_text="Ready to publish"), what="the worker to build the report")

    run = ReportRun.objects.get(created_by=user)
    assert (run.language, run.status, run.attempts) == ("en", RunStatus.READY, 1)
    assert (job_worker.media_root / run.pdf_file).is_file()
    # The job went through the broker, and the worker process took it and finished it.
    builds = [task_id for name, task_id in job_worker.sent if name == BUILD]
    assert len(builds) == 1, job_worker.sent
    tail = job_worker.log()[-3000:]
    assert job_worker.received(builds[0]), f"The worker's log does not show the job:\n{tail}"
    assert job_worker.succeeded(builds[0]), f"The worker's log does not show it done:\n{tail}"
