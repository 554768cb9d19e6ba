"""The 2022 to 2023 plan and the mental health workforce plan as their own texts give them.

Read straight from fixtures/sources, independently of the plan documents and the database,
so tests compare what the tracker holds with the plans' words, never with a fixture.
"""

import re
from dataclasses import dataclass, field

from tests.conftest import ROOT

SOURCES = ROOT / "fixtures" / "sources"
PLAN_2022_SOURCE = SOURCES / "social-care-workforce-delivery-plan-2022-2023.txt"
MENTAL_HEALTH_SOURCE = SOURCES / "strategic-mental-health-workforce-plan.txt"
_MARKER = re.compile(r"\[(bookmark|image): [^\]]*\]")


def words(text: str) -> str:
    """The text without the source's markers, with every run of spaces as one space."""
    return " ".join(_MARKER.sub("", text).split())


@dataclass
class Commitment:
    heading: str  # the theme heading it sits under
    joint: bool  # under "Together with HEIW, we will:"
    text: str


def commitments_2022() -> list[Commitment]:
    """The bulleted commitments, in order, each under "Together with HEIW, we will:" or
    "We will:", and the theme heading above that."""
    lines = PLAN_2022_SOURCE.read_text(encoding="utf-8").splitlines()
    found, heading, joint = [], "", None
    for i, line in enumerate(lines):
        if line in ("Together with HEIW, we will:", "We will:"):
            joint = line.startswith("Together")
            if joint:
                # The theme heading is the last non-blank line before its first list.
                heading = next(p for p in reversed(lines[:i]) if p.strip())
        elif line.startswith("  • ") and joint is not None:
            found.append(Commitment(heading, joint, line.removeprefix("  • ").strip()))
        elif line.strip() and not line.startswith(" "):
            joint = None if not line.endswith(":") else joint
    return found


@dataclass
class MentalHealthTheme:
    heading: str
    why: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)  # (title, description)


def mental_health_themes() -> list[MentalHealthTheme]:
    """Each theme of the "Actions" section in document order: its bullets and its actions,
    an action being a title line followed by its description line."""
    text = MENTAL_HEALTH_SOURCE.read_text(encoding="utf-8")
    section = text.split("\nActions\n", 1)[1].split("Our health and social care workforce")[0]
    themes: list[MentalHealthTheme] = []
    part = None
    last_heading = ""
    pending: list[str] = []
    for raw in section.splitlines():
        line = words(raw)
        if line == "Why we are doing this":
            # The heading is the bookmarked line before it, with any repeat glued on dropped.
            themes.append(MentalHealthTheme(heading=last_heading))
            part = "why"
        elif line == "The actions we will take":
            part = "actions"
        elif line.startswith("Delivery of the actions in this theme"):
            part = "benefits"
        elif raw.startswith("·") and part in ("why", "benefits"):
            getattr(themes[-1], part).append(words(raw[1:]))
        elif part == "actions" and line:
            pending.append(line)
            if len(pending) == 2:
                themes[-1].actions.append((pending[0], pending[1]))
                pending = []
        elif line and raw.lstrip().startswith("[bookmark"):
            last_heading = line
            part = None
    return themes


def mental_health_ambitions() -> list[str]:
    text = MENTAL_HEALTH_SOURCE.read_text(encoding="utf-8")
    part = text.split("Our ambition\n", 1)[1].split("A strategic mental health workforce plan")[0]
    return [words(line[1:]) for line in part.splitlines() if line.startswith("·")]


def mental_health_stated_total() -> int:
    """The number of actions the plan says it sets out ("sets out 33 actions")."""
    return int(re.search(r"sets out (\d+) actions", MENTAL_HEALTH_SOURCE.read_text())[1])


def load_other_plans() -> None:
    """Load the two other plans and the proposed lineage links, as `load_plan --all` does
    after the 2024 to 2027 plan (which the test session has loaded already)."""
    import os

    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        for name in (
            "plan-2022-2023.json",
            "plan-mental-health-workforce.json",
            "lineage-proposals.json",
        ):
            call_command("load_plan", str(ROOT / "fixtures" / name), stdout=quiet)
