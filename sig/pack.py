"""The meeting pack, frozen: its HTML is rendered once when the meeting opens, in each language,
and the PDF is built from that HTML by a Celery job. Nothing here reads the live dashboard after
the meeting has opened, so the pack the group discussed never changes."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.template.loader import render_to_string
from django.utils import timezone, translation

from actions.selectors import plan_current
from core.files import file_open, file_write
from sig.models import Meeting, MeetingPack, PackStatus
from sig.selectors import pack_context


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack_freeze(*, meeting: Meeting) -> list[MeetingPack]:
    """Render the pack in every language and keep it. Called by meeting_open, in its
    transaction, so the meeting is open exactly when its pack exists."""
    plan = plan_current()
    now = timezone.now()
    packs = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            context = pack_context(plan=plan, since=meeting.changes_since)
            html = render_to_string(
                "sig/pack_frozen.html", {**context, "meeting": meeting, "frozen_at": now}
            )
        packs.append(
            MeetingPack.objects.create(
                meeting=meeting,
                language=language,
                html=html,
                html_sha256=_sha256(html.encode("utf-8")),
                frozen_at=now,
            )
        )
    return packs


def pack_pdf_build(*, pack_id: int) -> MeetingPack | None:
    """Build one pack's PDF from its frozen HTML. Safe to run twice: a built pack is kept."""
    from weasyprint import HTML

    from reports.pdf_fetcher import StaticOnlyFetcher

    pack = MeetingPack.objects.select_related("meeting").filter(pk=pack_id).first()
    if pack is None or pack.status == PackStatus.READY:
        return pack
    try:
        with translation.override(pack.language):
            document = render_to_string("sig/pack_pdf.html", {"pack": pack})
        pdf = HTML(
            string=document,
            base_url=str(Path(settings.BASE_DIR) / "static"),
            url_fetcher=StaticOnlyFetcher(),
        ).write_pdf()
    except Exception as exc:  # noqa: BLE001 - the failure is shown on the meeting's page
        MeetingPack.objects.filter(pk=pack.pk).update(
            status=PackStatus.FAILED, failure_reason=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    name = f"meetings/meeting-{pack.meeting_id}-pack-{pack.language}-{pack.pk}.pdf"
    # Through the file storage (core.files): a reader never sees half a file.
    file_write(name, pdf)
    MeetingPack.objects.filter(pk=pack.pk).update(
        status=PackStatus.READY,
        failure_reason="",
        pdf_file=name,
        pdf_sha256=_sha256(pdf),
    )
    pack.refresh_from_db()
    return pack


def pack_pdf_open(pack: MeetingPack) -> File | None:
    """A ready pack's PDF, open for reading from the file storage, or None."""
    if pack.status != PackStatus.READY or not pack.pdf_file:
        return None
    return file_open(pack.pdf_file)
