"""The annual report reads as a progress report: a headline whose counts add up, each action's
account (summary, next steps, reasons, moved dates, overdue), changes since the previous
report in words, every action's wording in the annex, a draft or published cover, and Welsh
labels that keep their values on their own line."""

import datetime
import html as html_lib
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfReader

from actions.models import Action, ProgressReview
from actions.services import update_submit
from measures.models import Indicator
from reports.models import AnnualReport, ReportRun
from reports.selectors import report_snapshot
from tests.factories import ObservationFactory
from tests.measures.test_indicator_states import indicators_in_source
from tests.plan_source import source_actions, source_counts

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _approve(action: Action, user, *, quarter: str, reviewed_on=None, **data) -> None:
    """An approved update; ``reviewed_on`` moves its approval back in time."""
    update = update_submit(
        action=action,
        user=user,
        data={"quarter": quarter, "summary_en": f"Progress on {action.number}.", **data},
        base_version=Action.objects.get(pk=action.pk).version,
        approve=True,
    )
    if reviewed_on is not None:
        moment = timezone.make_aware(datetime.datetime.combine(reviewed_on, datetime.time(9)))
        ProgressReview.objects.filter(update=update).update(reviewed_at=moment)


def _html(report: AnnualReport, as_at: datetime.date, language: str = "en", **extra) -> str:
    with translation.override(language):
        context = report_snapshot(report=report, as_at=as_at)
        return render_to_string("reports/report_web.html", {**context, "edition": "html", **extra})


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def _action_block(html: str, number: int) -> str:
    start = html.index(f'id="action-{number}"')
    return html[start : html.index('<div class="report-action"', start + 1)]


def _words(html: str) -> str:
    # A block's edge is a space between words; an inline tag is not.
    blocks = re.sub(r"</?(p|dt|dd|li|ul|div|h\d|tr|td|th|caption)\b[^>]*>", " ", html)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", blocks)))


def test_headline_counts_add_up_to_the_totals_counted_from_the_plan_text(real_plan, editor):
    first, second, third = Action.objects.filter(period__slug="2024").order_by("number")[:3]
    _approve(first, editor, quarter="2024-Q3", status="complete")
    _approve(second, editor, quarter="2024-Q3", status="minor_delays", status_reason="Staff.")
    _approve(third, editor, quarter="2024-Q2", status="on_track")
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    headline = _section(_html(report, TODAY), "summary")
    text = _words(headline)

    _themes, by_period = source_counts()
    sentences = re.findall(r"(\d+) actions, due by [^:]+: ([^.]+)\.", text)
    assert [int(total) for total, _parts in sentences] == list(by_period.values())
    for total, parts in sentences:
        assert sum(int(n) for n in re.findall(r"\d+", parts)) == int(total), parts
    during_2024 = dict(sentences)[str(by_period["2024"])]
    assert "1 complete" in during_2024 and "1 with minor delays" in during_2024
    assert "1 on track" in during_2024
    # The 2024 period has ended: its 24 actions still open are overdue, the complete one not.
    assert f"{by_period['2024'] - 1} are overdue" in text

    indicators = re.search(r"(\d+) indicators: ([^.]+)\.", text)
    assert int(indicators[1]) == indicators_in_source()
    assert sum(int(n) for n in re.findall(r"\d+", indicators[2])) == indicators_in_source()
    themes = re.findall(r"Theme (\d+): [^.]+\. (\d+) actions?: ([^;]+);", text)
    assert [int(total) for _n, total, _parts in themes] == source_counts()[0]
    for _number, total, parts in themes:
        assert sum(int(n) for n in re.findall(r"\d+", parts)) == int(total)


def test_each_action_has_its_summary_next_steps_reason_and_moved_target_date(real_plan, editor):
    action = Action.objects.filter(period__slug="2024").order_by("number").first()
    _approve(
        action,
        editor,
        quarter="2024-Q3",
        status="minor_delays",
        status_reason="The supplier withdrew.",
        summary_en="First paragraph of progress.\n\nSecond paragraph.",
        next_steps="Appoint a new supplier.",
        revised_target_date=datetime.date(2025, 6, 30),
        date_change_reason="A new supplier needs six months.",
    )
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    block = _action_block(_html(report, TODAY), action.number)

    assert "<p>First paragraph of progress.</p><p>Second paragraph.</p>" in block
    assert "Minor delays" in block
    words = _words(block)
    assert "Why it is delayed The supplier withdrew." in words
    assert "Next steps Appoint a new supplier." in words
    assert (
        "Target date moved from 31 December 2024 to 30 June 2025: "
        "A new supplier needs six months." in words
    )


def test_an_open_action_of_an_ended_period_is_marked_overdue_in_words(real_plan, editor):
    done, open_ = Action.objects.filter(period__slug="2024").order_by("number")[:2]
    later = Action.objects.exclude(period__slug="2024").order_by("number").first()
    _approve(done, editor, quarter="2024-Q4", status="complete")
    _approve(open_, editor, quarter="2024-Q4", status="on_track")
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    html = _html(report, TODAY)

    overdue = _words(_action_block(html, open_.number))
    assert "On track Overdue" in overdue
    assert "Overdue: Its delivery period ended on 31 December 2024" in overdue
    assert "Overdue" not in _words(_action_block(html, done.number))
    assert "Overdue" not in _words(_action_block(html, later.number))


def test_changes_since_the_previous_report_are_named_in_words_with_reasons(real_plan, editor):
    action = Action.objects.filter(period__slug="2025-2027").order_by("number").first()
    _approve(
        action, editor, quarter="2024-Q4", status="on_track", reviewed_on=datetime.date(2025, 1, 10)
    )
    previous = AnnualReport.objects.create(plan=real_plan, year=2024)
    ReportRun.objects.create(
        report=previous,
        language="en",
        as_at=datetime.date(2025, 1, 31),
        status="ready",
        version=1,
        published_at=timezone.make_aware(datetime.datetime(2025, 2, 14)),
    )
    _approve(
        action,
        editor,
        quarter="2025-Q2",
        status="significant_delays",
        status_reason="Funding was withdrawn in May.",
        revised_target_date=datetime.date(2028, 3, 31),
        date_change_reason="New funding starts in 2028.",
    )
    morale = Indicator.objects.get(plan=real_plan, theme__number=1, position=1)
    ObservationFactory(indicator=morale, period="2025", value=Decimal(70), source_en="Survey")
    report = AnnualReport.objects.create(plan=real_plan, year=2025)
    changes = _words(_section(_html(report, TODAY), "changes"))

    assert "Compared with the report as at 31 January 2025." in changes
    assert f"Action {action.number}: {action.text_en}" in changes
    assert "Status changed from On track to Significant delays: Funding was withdrawn in May." in (
        changes
    )
    assert (
        "Target date moved from 31 December 2027 to 31 March 2028: New funding starts in 2028."
        in changes
    )
    assert f"Indicator 1.1: {morale.statement_en}" in changes
    assert "From Not measured since the baseline to Improving" in changes


def test_the_annex_lists_every_actions_wording(real_plan):
    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    annex = _words(_section(_html(report, TODAY), "annex"))
    actions = Action.objects.filter(plan=real_plan)
    assert actions.count() == len(source_actions())
    for action in actions:
        assert _words(action.text_en) in annex, action.number
        for point in action.sub_points.all():
            assert _words(point.text_en) in annex, action.number


def test_the_cover_says_draft_for_a_preview_and_date_and_version_when_published(real_plan):
    from reports.services import report_contact

    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    cover = _html(report, TODAY, draft=True, contact=report_contact()).split('id="summary"')[0]
    draft = _words(cover)
    assert "Draft" in draft and "Version" not in draft
    assert f"As at {TODAY:%-d %B %Y}" in draft
    assert "English edition" in draft
    # The website the plan's own documents give (settings.REPORT_CONTACT_WEBSITE).
    assert "Contact: Social Care Wales, socialcare.wales." in draft
    assert "another format" in draft
    run = ReportRun(
        report=report,
        language="en",
        as_at=TODAY,
        version=2,
        published_at=timezone.make_aware(datetime.datetime(2025, 2, 14, 10)),
    )
    published = _words(_html(report, TODAY, publication=run).split('id="summary"')[0])
    assert "Draft" not in published
    assert "Published 14 February 2025" in published and "Version 2" in published


def _lines(page) -> list[tuple[float, str]]:
    """The page's text runs with their heights on the page."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((round(cm[5] + tm[5] * cm[3], 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def test_welsh_labels_keep_their_values_on_the_same_line(real_plan, editor, tmp_path):
    from reports.services import report_render

    report = AnnualReport.objects.create(plan=real_plan, year=2024)
    output = report_render(report=report, as_at=TODAY, language="cy")
    path = tmp_path / "report-cy.pdf"
    path.write_bytes(output["pdf"])
    checked = 0
    for page in PdfReader(path).pages:
        runs = _lines(page)
        for height, text in runs:
            same_line = " ".join(t for h, t in runs if abs(h - height) < 1)
            # An action's label, not the annex's column heading beside "Statws".
            if text == "Dyddiad targed" and "Statws" not in same_line:
                # The date (“31 Rhagfyr 2024”) sits on the label's own line.
                assert re.search(r"Dyddiad targed.*\d{1,2} \w+ \d{4}", same_line), same_line
                checked += 1
    assert checked >= len(source_actions())
