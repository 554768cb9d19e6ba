"""The public action page: owners as the plan words them, overdue actions, moved dates."""

import datetime
import re

import pytest
from django.utils import timezone

from actions.models import Action, Organisation
from actions.services import update_submit
from tests.conftest import PLAN_SOURCE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_OWNER_NOTE = "the plan names no owner, so Social Care Wales leads"
_ACTION = re.compile(r"^(\d+)\. (.*)$")
_LINK = re.compile(r"\[([^\]]+)\]\(#\)")


def _source_words(first_action_text: str) -> dict[int, str]:
    """Each action's words in the source document: its line and the bullet points under it.

    Actions are numbered 1 to 41 in order from the first action's line; the themes' own
    numbered lists ("2. Attraction and recruitment") are not actions.
    """
    words: dict[int, str] = {}
    current = None
    for raw in PLAN_SOURCE.read_text(encoding="utf-8").splitlines():
        line = _LINK.sub(r"\1", raw.strip())
        match = _ACTION.match(line)
        started = bool(words) or (match and match.group(2) == first_action_text)
        if match and started and int(match.group(1)) == len(words) + 1:
            current = int(match.group(1))
            words[current] = match.group(2)
        elif current is not None and line.startswith("- "):
            words[current] += " " + line[2:]
        elif line:
            current = None
    return words


def test_no_owner_note_shows_exactly_where_the_plan_names_no_organisation(client, real_plan):
    words = _source_words(Action.objects.get(plan=real_plan, number=1).text_en)
    assert len(words) == 41
    names = set()
    for organisation in Organisation.objects.all():
        names |= {organisation.name_en, organisation.abbreviation_en} - {"", None}
    expected = {n for n, text in words.items() if not any(name in text for name in names)}
    shown = set()
    for action in Action.objects.filter(plan=real_plan).select_related("plan"):
        if NO_OWNER_NOTE in client.get(action.get_absolute_url()).content.decode():
            shown.add(action.number)
    assert shown == expected
    assert {2, 6, 9, 20, 29, 35}.isdisjoint(shown)


def test_action_2_names_its_owners_beside_each_point(client, real_plan):
    body = client.get(Action.objects.get(number=2).get_absolute_url()).content.decode()
    points = re.findall(r"<li>(for social .*?)</li>", body, re.S)
    assert len(points) == 2
    assert "Partner for this point: Social Care Fair Work Forum" in points[0]
    assert "Welsh Local Government Association" not in points[0]
    assert "Lead for this point: Welsh Local Government Association" in points[1]
    assert "Social Care Fair Work Forum" not in points[1]
    owners = body[body.index("<dt>Owners</dt>") :]
    owners = owners[: owners.index("</dd>")]
    assert "Welsh Local Government Association (Lead)" in owners
    assert "named in point 2 above" in owners
    assert "named in point 1 above" in owners
    assert NO_OWNER_NOTE not in body
    assert "Social Care Wales (Lead)" in owners and "not named in the action" in owners


def _today(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_open_2024_action_is_flagged_overdue_in_2026(client, real_plan, monkeypatch):
    action = Action.objects.get(number=1)
    assert action.period.label_en == "During 2024"
    _today(monkeypatch, datetime.date(2026, 3, 1))
    body = client.get(action.get_absolute_url()).content.decode()
    assert "Overdue" in body
    assert "Its delivery period ended on 31 December 2024" in body
    _today(monkeypatch, datetime.date(2024, 6, 1))
    assert "Overdue" not in client.get(action.get_absolute_url()).content.decode()


def test_finished_action_is_not_flagged_overdue(client, real_plan, monkeypatch):
    action = Action.objects.get(number=1)
    editor = UserFactory(role="Editor")
    update_submit(
        action=action,
        user=editor,
        data={"status": "complete", "summary_en": "Framework refreshed.", "quarter": "2025-Q1"},
        base_version=action.version,
        approve=True,
    )
    _today(monkeypatch, datetime.date(2026, 3, 1))
    assert "Overdue" not in client.get(action.get_absolute_url()).content.decode()


def test_moved_target_date_says_from_what_date(client, real_plan):
    action = Action.objects.get(number=1)
    editor = UserFactory(role="Editor")
    for quarter, new, reason in (
        ("2025-Q1", "2025-06-30", "Waiting for the survey."),
        ("2025-Q2", "2025-12-31", "Survey late."),
    ):
        action.refresh_from_db()
        update_submit(
            action=action,
            user=editor,
            data={
                "status": "minor_delays",
                "status_reason": "Delayed.",
                "summary_en": f"Progress in {quarter}.",
                "quarter": quarter,
                "revised_target_date": datetime.date.fromisoformat(new),
                "date_change_reason": reason,
            },
            base_version=action.version,
            approve=True,
        )
    body = client.get(action.get_absolute_url()).content.decode()
    assert "Target date moved from 31 December 2024 to 30 June 2025" in body
    assert "Target date moved from 30 June 2025 to 31 December 2025" in body
    assert "Survey late." in body
