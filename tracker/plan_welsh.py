"""The Welsh text of a plan document (fixtures/plan-*.cy.json), matched to the English one.

The Welsh file holds only texts, each item carrying the key that matches it to its English item
(themes, actions and indicators by number or code, periods by slug, baselines by period and
breakdown, breakdowns by code, measurement lines by position). ``welsh_merge`` checks that both
files hold the same items and returns the English document with every Welsh text beside its
English as ``<field>_cy``, which the plan loader writes into the ``_cy`` columns.
"""

import copy
from typing import Any

from actions.models import WelshTranslationStatus
from tracker.plan_document import PlanDocumentError

FORMAT = "workforce-tracker-plan-cy/1"

THEME_TEXT = ("title", "ambition", "progress_intro", "indicators_pending_reason")
INDICATOR_TEXT = ("statement", "baseline_text", "notes")
BASELINE_TEXT = ("breakdown_label", "source", "notes")


class WelshDocumentError(PlanDocumentError):
    """The Welsh file cannot be loaded; ``problems`` names every bad item."""


class _Merger:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def texts(self, where: str, en: dict, cy: dict, fields: tuple[str, ...]) -> None:
        """Put each Welsh text of ``fields`` into en as <field>_cy; every English text needs one."""
        for name in fields:
            if name not in en:
                if name in cy:
                    self.fail(where, f"'{name}' has no English text to translate.")
                continue
            welsh = cy.get(name)
            if not isinstance(welsh, str) or not welsh.strip():
                self.fail(where, f"'{name}' has no Welsh text.")
                continue
            if welsh != welsh.strip():
                self.fail(where, f"'{name}' has spaces at its start or end.")
            held = en.get(f"{name}_cy")
            if held and held != welsh:
                # The English file carries a Welsh text too: two sources must not disagree.
                self.fail(
                    where,
                    f"'{name}' is {welsh!r} here but the English file gives {held!r} as "
                    f"{name}_cy; make them the same.",
                )
            en[f"{name}_cy"] = welsh

    def strings(self, where: str, en: list, cy: Any) -> list[str]:
        if not isinstance(cy, list) or len(cy) != len(en):
            count = len(cy) if isinstance(cy, list) else "no list"
            self.fail(where, f"must list {len(en)} Welsh texts, one per English one ({count}).")
            return []
        for index, text in enumerate(cy):
            if not isinstance(text, str) or not text.strip():
                self.fail(f"{where}[{index}]", "has no Welsh text.")
        return cy

    def matched(
        self, where: str, kind: str, en: list[dict], cy: Any, *keys: str
    ) -> list[tuple[str, dict, dict]]:
        """(place, English item, Welsh item), matched by keys; an item on one side only fails."""
        if not isinstance(cy, list):
            if en:
                self.fail(where, f"must be a list of {kind}, matched by {', '.join(keys)}.")
            return []

        def key(item: dict) -> tuple:
            # The English loader stores a missing breakdown as "" (the whole workforce).
            return tuple(item.get(k) or "" if k == "breakdown" else item.get(k) for k in keys)

        def name(k: tuple) -> str:
            return ", ".join(f"{n} {v!r}" for n, v in zip(keys, k, strict=True))

        english = {key(item): item for item in en}
        pairs, seen = [], set()
        for index, item in enumerate(cy):
            place = f"{where}[{index}]"
            if not isinstance(item, dict):
                self.fail(place, "must be an object with named fields.")
                continue
            k = key(item)
            place = f"{place} ({kind[:-1]} {name(k)})"
            if k in seen:
                self.fail(place, "appears more than once.")
            elif k not in english:
                self.fail(place, f"matches no {kind[:-1]} of the English plan ({name(k)}).")
            else:
                pairs.append((place, english[k], item))
            seen.add(k)
        for k in english.keys() - seen:
            self.fail(where, f"has no Welsh for the {kind[:-1]} with {name(k)}.")
        return pairs


def welsh_merge(*, document: dict, welsh: Any) -> dict:
    """The English document (already checked) with the Welsh texts as <field>_cy.

    Raises WelshDocumentError naming every Welsh item that matches no English one, every English
    item with no Welsh, and every text missing; nothing is merged unless all of it matches.
    """
    m = _Merger()
    if not isinstance(welsh, dict):
        raise WelshDocumentError(["the Welsh file must be an object with named fields."])
    if welsh.get("format") != FORMAT:
        m.fail("format", f"must be {FORMAT!r}, not {welsh.get('format')!r}.")
    status = welsh.get("translation_status")
    if status not in WelshTranslationStatus.values:
        allowed = ", ".join(WelshTranslationStatus.values)
        m.fail("translation_status", f"is {status!r}; it must be one of {allowed}.")
    doc = copy.deepcopy(document)
    cy_strategy, cy_plan = welsh.get("strategy"), welsh.get("plan")
    if not isinstance(cy_strategy, dict) or not isinstance(cy_plan, dict):
        m.fail("strategy, plan", "both must be objects with named fields.")
        raise WelshDocumentError(m.problems)
    strategy, plan = doc["strategy"], doc["plan"]
    for where, en, cy in (("strategy", strategy, cy_strategy), ("plan", plan, cy_plan)):
        if cy.get("slug") != en["slug"]:
            m.fail(where, f"'slug' is {cy.get('slug')!r}; the English file's is {en['slug']!r}.")
    m.texts("strategy", strategy, cy_strategy, ("title",))
    m.texts("plan", plan, cy_plan, ("title", "summary"))
    plan["welsh_translation_status"] = status

    for where, en, cy in m.matched(
        "themes", "themes", doc["themes"], welsh.get("themes"), "number"
    ):
        m.texts(where, en, cy, THEME_TEXT)
    periods = m.matched("plan.periods", "periods", plan["periods"], cy_plan.get("periods"), "slug")
    for where, en, cy in periods:
        m.texts(where, en, cy, ("label",))
    actions = m.matched(
        "plan.actions", "actions", plan["actions"], cy_plan.get("actions"), "number"
    )
    for where, en, cy in actions:
        m.texts(where, en, cy, ("text",))
        en["sub_points_cy"] = m.strings(
            f"{where}.sub_points", en.get("sub_points", []), cy.get("sub_points", [])
        )

    # Measurement lines have no key of their own: the loader numbers them in order within each
    # theme, so the Welsh list must follow the English one item by item.
    lines, cy_lines = plan.get("measurement_lines", []), cy_plan.get("measurement_lines", [])
    if not isinstance(cy_lines, list) or len(cy_lines) != len(lines):
        count = len(cy_lines) if isinstance(cy_lines, list) else "no list"
        m.fail("plan.measurement_lines", f"must list {len(lines)} lines, in order ({count}).")
    else:
        for index, (en, cy) in enumerate(zip(lines, cy_lines, strict=True)):
            where = f"plan.measurement_lines[{index}]"
            if not isinstance(cy, dict) or cy.get("theme") != en["theme"]:
                m.fail(where, f"must be the line of theme {en['theme']}, as in the English file.")
                continue
            m.texts(where, en, cy, ("text",))
            en["sub_lines_cy"] = m.strings(
                f"{where}.sub_lines", en.get("sub_lines", []), cy.get("sub_lines", [])
            )

    indicators = m.matched(
        "plan.indicators",
        "indicators",
        plan.get("indicators", []),
        cy_plan.get("indicators"),
        "code",
    )
    for where, en, cy in indicators:
        m.texts(where, en, cy, INDICATOR_TEXT)
        # An indicator's two lists, each matched by its keys, then its texts taken over.
        for kind, texts, keys in (
            ("baselines", BASELINE_TEXT, ("period", "breakdown")),
            ("breakdowns", ("label",), ("code",)),
        ):
            for sub, item, cy_item in m.matched(
                f"{where}.{kind}", kind, en.get(kind, []), cy.get(kind, []), *keys
            ):
                m.texts(sub, item, cy_item, texts)
    if m.problems:
        raise WelshDocumentError(m.problems)
    return doc
