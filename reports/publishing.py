"""Publishing the annual report: the final edition of each language, both or neither.

A build is a preview and its cover says "Draft". Publishing makes the final edition, whose
cover gives its publication date and version, from the very HTML the Editor previewed (a build
keeps its PDF's source, ``reports.services.report_print_source``): only the cover's edition
facts are swapped, so the words, figures, frozen theme stories and as-at facts are the
preview's, whatever has changed in the database since.

Rendering a PDF takes seconds per language, too long for a web request (tracker/gunicorn_conf:
no page should take seconds), so publishing takes two steps:

1. ``report_publish_editions``, the Editor's confirmation, in one transaction: checks both
   editions, takes their version numbers and fixes the publication time, and queues the job
   once the transaction commits. Nothing is public yet: the runs are "being published".
2. ``report_publication_finish``, the job: renders the final editions, writes them under new
   names, then in one transaction makes every edition public with its files' SHA-256, sizes
   and pages, provided all are still waiting (the claim is that conditional check under row
   locks). The render is deterministic (its date and version are fixed in step 1), so a job
   delivered twice writes the same bytes and only the first to commit publishes. If it fails,
   ``report_publication_fail`` hands every edition back, ready to publish, with the reason.
"""

import datetime
import hashlib
import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from core import roles
from core.errors import NotAllowed
from core.files import file_read
from reports.models import AnnualReport, ReportRun, RunStatus
from reports.selectors import report_edition_partner
from reports.services import report_files_write, report_pdf, report_print_source

logger = logging.getLogger(__name__)


def edition_facts(*, language: str, publication: dict | None = None) -> str:
    """The cover's edition facts, as the report's templates include them: "Draft", or the
    publication date and version (``publication``: published_at, version)."""
    context = {"publication": publication} if publication else {"draft": True}
    with translation.override(language):
        return render_to_string("reports/includes/edition_facts.html", context)


def _swap(source: str, draft: str, final: str, name: str) -> str:
    if source.count(draft) != 1:
        raise ValueError(f"The draft's cover is not found once in {name}: build it again.")
    return source.replace(draft, final)


def report_final_edition(*, run: ReportRun) -> dict:
    """The final edition of a run being published: its preview with the publication date and
    version on the cover. Returns html (str), pdf (bytes) and pages."""
    source_name = report_print_source(run)
    source = file_read(source_name)
    if source is None:
        raise ValueError(
            f"{Path(source_name).name}: this build kept no print source to publish from: "
            "build it again."
        )
    web = file_read(run.html_file)
    if web is None:
        raise ValueError(f"{run.html_file}: the web edition is missing: build it again.")
    draft = edition_facts(language=run.language)
    final = edition_facts(
        language=run.language,
        publication={"published_at": run.publication_requested_at, "version": run.version},
    )
    html = _swap(web.decode("utf-8"), draft, final, "web")
    print_html = _swap(source.decode("utf-8"), draft, final, "print")
    with translation.override(run.language):
        pdf, pages = report_pdf(print_html)
    return {"html": html, "pdf": pdf, "pages": pages}


def _reserve(
    run: ReportRun, *, user, change_note: str, requested_at: datetime.datetime
) -> ReportRun:
    """Take a ready run's version and publication time (inside the caller's transaction,
    with the report's row locked, so two confirmations take versions one after the other)."""
    run = ReportRun.objects.select_for_update().select_related("report__plan").get(pk=run.pk)
    if run.is_published:
        raise ValidationError(_("This report is already published and cannot change."))
    if run.is_being_published:
        raise ValidationError(_("This report is already being published."))
    if run.status != RunStatus.READY:
        raise ValidationError(_("Only a report that built successfully can be published."))
    previous = (
        ReportRun.objects.filter(report=run.report, language=run.language, version__isnull=False)
        .order_by("-version")
        .first()
    )
    if previous is not None and not change_note.strip():
        raise ValidationError(
            {
                "change_note": _(
                    "Version {version} is already published. Say what this correction changes."
                ).format(version=previous.version)
            }
        )
    run.version = (previous.version + 1) if previous else 1
    run.change_note = change_note.strip()
    run.published_by = user
    run.publication_requested_at = requested_at
    run.publication_failure = ""
    run.full_clean()
    run.save()
    return run


def _reserve_editions(*, runs: list[ReportRun], user, change_note: str) -> list[ReportRun]:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can publish a report."))
    AnnualReport.objects.select_for_update().filter(pk=runs[0].report_id).first()
    # One time for every edition: the covers give the same date, and the job knows the
    # editions that go together by it.
    now = timezone.now()
    return [_reserve(r, user=user, change_note=change_note, requested_at=now) for r in runs]


@transaction.atomic
def report_publish_editions(*, run: ReportRun, user, change_note: str = "") -> list[ReportRun]:
    """Confirm a ready run for publishing, with its other-language edition if that is built:
    both or neither, since publishing cannot be undone. The job that makes the final editions
    is queued when this commits; ``runs[0].send_failed`` says if the broker could not take it
    (the recovery job sends it again)."""
    partner = report_edition_partner(run=run)
    runs = _reserve_editions(
        runs=[run] + ([partner] if partner else []), user=user, change_note=change_note
    )
    run_ids = [r.pk for r in runs]

    def send() -> None:
        runs[0].send_failed = not report_publication_send(run_ids=run_ids)

    transaction.on_commit(send)
    return runs


def report_publish(*, run: ReportRun, user, change_note: str = "") -> ReportRun:
    """Publish one edition now, in this process (scripts and tests). Staff publish through
    ``report_publish_editions``, which publishes both languages through the job."""
    with transaction.atomic():
        (reserved,) = _reserve_editions(runs=[run], user=user, change_note=change_note)
    try:
        published = report_publication_finish(run_ids=[reserved.pk])
    except Exception as exc:
        report_publication_fail(run_ids=[reserved.pk], reason=f"{type(exc).__name__}: {exc}")
        raise
    return published[0]


def report_publication_send(*, run_ids: list[int]) -> bool:
    """Hand the publication to the job queue; False if the broker cannot be reached."""
    # reports.tasks imports this module at its top: the task is imported here, when sending.
    from reports.tasks import report_publish_task

    try:
        report_publish_task.delay(run_ids)
    except BrokerUnavailable:
        logger.warning("Publication of runs %s could not be queued", run_ids)
        return False
    return True


def _waiting(run_ids: list[int]):
    return ReportRun.objects.filter(
        pk__in=run_ids, published_at__isnull=True, publication_requested_at__isnull=False
    )


def report_publication_finish(*, run_ids: list[int]) -> list[ReportRun] | None:
    """Make the final editions of runs being published and publish them all at once; None if
    they are no longer waiting (already published by another delivery, or handed back)."""
    runs = list(_waiting(run_ids).select_related("report", "report__plan").order_by("pk"))
    if not runs or len(runs) != len(set(run_ids)):
        return None
    # Slow, so outside any transaction; the files have names of their own (the version in
    # them), so the preview's files stay as they were until the runs point at the new ones.
    for run in runs:
        edition = report_final_edition(run=run)
        stem = Path(run.pdf_file).stem
        html = edition["html"].encode("utf-8")
        pdf_file, html_file = (
            f"reports/{stem}-v{run.version}.pdf",
            f"reports/{stem}-v{run.version}.html",
        )
        report_files_write({pdf_file: edition["pdf"], html_file: html})
        run.pdf_file, run.html_file = pdf_file, html_file
        run.pdf_sha256 = hashlib.sha256(edition["pdf"]).hexdigest()
        run.html_sha256 = hashlib.sha256(html).hexdigest()
        run.pdf_bytes, run.html_bytes, run.pages = len(edition["pdf"]), len(html), edition["pages"]
    with transaction.atomic():
        for run in runs:
            still = _waiting([run.pk]).filter(
                version=run.version, publication_requested_at=run.publication_requested_at
            )
            if not still.select_for_update().exists():
                transaction.set_rollback(True)
                return None
            run.published_at = run.publication_requested_at
            # The audit trail names the Editor who confirmed, not the worker.
            run._history_user = run.published_by
            run.save()
    return runs


def report_publication_fail(*, run_ids: list[int], reason: str) -> bool:
    """Hand runs being published back, ready to publish again, saying why it failed. Runs
    already published are left as they are."""
    with transaction.atomic():
        runs = list(_waiting(run_ids).select_for_update())
        for run in runs:
            run.version = None
            run.change_note = ""
            run.publication_requested_at = None
            run.publication_failure = reason[:2000]
            run._history_user = run.published_by
            run.published_by = None
            run.save()
    return bool(runs)


def report_publications_recover(
    *, waiting_for: datetime.timedelta, give_up_after: datetime.timedelta
) -> dict[str, int]:
    """Nothing stays "being published": a publication waiting longer than ``waiting_for``
    (the broker was down, or its worker died) is sent again, and one waiting longer than
    ``give_up_after`` is handed back with a reason. Sending twice is safe (see the module)."""
    now = timezone.now()
    groups: dict[tuple, list[int]] = {}
    stale = ReportRun.objects.filter(
        published_at__isnull=True, publication_requested_at__lt=now - waiting_for
    ).order_by("pk")
    for run in stale:
        groups.setdefault((run.report_id, run.publication_requested_at), []).append(run.pk)
    sent = failed = 0
    for (_report, requested_at), run_ids in groups.items():
        if requested_at < now - give_up_after:
            reason = _("Publishing did not finish within {minutes} minutes. Publish again.")
            failed += report_publication_fail(
                run_ids=run_ids,
                reason=reason.format(minutes=int(give_up_after.total_seconds() // 60)),
            )
        else:
            sent += report_publication_send(run_ids=run_ids)
    return {"publications_sent": sent, "publications_failed": failed}
