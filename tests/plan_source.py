"""Counts taken from the plan's own text (fixtures/sources), independently of the database.

Tests compare the pages' totals with these, never with what a fixture happens to give.
"""

import datetime
import re
from collections import Counter

from tests.conftest import PLAN_SOURCE


def source_actions() -> list[tuple[int, str, int]]:
    """(theme, period, action number) for each action in the plan's text, in order.

    Each theme's actions sit between "Workforce strategy actions 2024 to 2027" and "How we'll
    measure progress against the actions", as numbered paragraphs under "During …:" headings.
    """
    actions = []
    theme, period, in_actions = 0, "", False
    for line in PLAN_SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line == "Workforce strategy actions 2024 to 2027":
            theme, period, in_actions = theme + 1, "", True
        elif line.startswith("How we") and line.endswith("measure progress against the actions"):
            in_actions = False
        elif in_actions and (heading := re.fullmatch(r"During (.+):", line)):
            period = heading[1]
        elif in_actions and (item := re.match(r"(\d+)\. ", line)):
            actions.append((theme, period, int(item[1])))
    return actions


def source_counts() -> tuple[list[int], dict[str, int]]:
    """Actions per theme (in theme order) and per period, counted from the plan's text."""
    actions = source_actions()
    themes = Counter(theme for theme, _period, _number in actions)
    periods = Counter(period for _theme, period, _number in actions)
    return [themes[n] for n in sorted(themes)], dict(periods)


def source_periods_ended(today: datetime.date) -> set[str]:
    """The periods of the plan's text that ended before today ("2025 to 2027" ends in 2027)."""
    _themes, periods = source_counts()
    return {label for label in periods if datetime.date(int(label.split()[-1]), 12, 31) < today}
