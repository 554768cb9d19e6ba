"""The Welsh text of the 2024–27 plan (fixtures/plan-2024-2027.cy.json) covers all of the English.

Issue 14: Welsh readers must get every public text of the plan, not an English fallback. These
tests read the two JSON files only (no loader, no database), so they hold whatever the loader
does with them. They list the text fields explicitly: a field that is not text (slugs, codes,
directions, owners) needs no Welsh, and a new English text field must be added here and
translated, which `test_every_english_string_field_is_known_as_text_or_not_text` enforces.
"""

import json
import re
from collections.abc import Iterator

from tests.conftest import PLAN_FIXTURE, ROOT
from tests.plan_source import source_actions

WELSH_FIXTURE = ROOT / "fixtures" / "plan-2024-2027.cy.json"

# Official Welsh titles: the plan as in Welsh Government's written statement of 7 June 2024,
# the strategy as published (capital "Ein").
PLAN_TITLE_CY = "Cynllun Cyflawni Gweithlu Gofal Cymdeithasol 2024 i 2027"
STRATEGY_TITLE_CY = "Cymru Iachach: Ein Strategaeth Gweithlu ar gyfer Iechyd a Gofal Cymdeithasol"

# Text fields, per kind of item, and the keys that match a Welsh item to its English one.
THEME_TEXT = ("title", "ambition", "progress_intro", "indicators_pending_reason")
ACTION_TEXT = ("text",)
LINE_TEXT = ("text",)
INDICATOR_TEXT = ("statement", "baseline_text", "notes")
BASELINE_TEXT = ("source", "notes", "breakdown_label")
BREAKDOWN_TEXT = ("label",)

# Every other string field of the English fixture, by dotted path ("[]" for list items): codes,
# slugs, dates, enumerations and Welsh already held beside the English. Not text to translate.
NOT_TEXT = {
    "format",
    "source",
    "strategy.slug",
    "strategy.title_cy",
    "plan.title_cy",
    "organisations[].slug",
    "organisations[].name",
    "organisations[].name_cy",
    "organisations[].abbreviation",
    "organisations[].abbreviation_cy",
    "plan.slug",
    "plan.strategy",
    "plan.first_published",
    "plan.last_updated",
    "plan.source_url",
    "plan.periods[].slug",
    "plan.periods[].label_cy",
    "plan.periods[].starts_on",
    "plan.periods[].ends_on",
    "plan.actions[].period",
    "plan.actions[].owners[].organisation",
    "plan.actions[].owners[].role",
    "plan.indicators[].code",
    "plan.indicators[].baseline_status",
    "plan.indicators[].direction",
    "plan.indicators[].unit",
    "plan.indicators[].tolerance",
    "plan.indicators[].baselines[].period",
    "plan.indicators[].baselines[].value",
    "plan.indicators[].baselines[].breakdown",
    "plan.indicators[].breakdowns[].code",
    "plan.indicators[].breakdowns[].label_cy",
    "plan.indicators[].breakdowns[].direction",
}
TEXT = {
    "strategy.title",
    *(f"themes[].{field}" for field in THEME_TEXT),
    "plan.title",
    "plan.summary",
    "plan.periods[].label",
    *(f"plan.actions[].{field}" for field in ACTION_TEXT),
    "plan.actions[].sub_points[]",
    *(f"plan.measurement_lines[].{field}" for field in LINE_TEXT),
    "plan.measurement_lines[].sub_lines[]",
    *(f"plan.indicators[].{field}" for field in INDICATOR_TEXT),
    *(f"plan.indicators[].baselines[].{field}" for field in BASELINE_TEXT),
    *(f"plan.indicators[].breakdowns[].{field}" for field in BREAKDOWN_TEXT),
}

# English texts that may stay as they are in Welsh: only proper names or numbers. None of the
# plan's texts is such a text today; add one here, with the reason, if the plan gains one.
SAME_IN_BOTH = frozenset()

# Words that occur in English prose but never in Welsh: one in a Welsh text means English was
# left in it. Proper names kept in Welsh ("Accolades", "SCWWDP", "Canopi") contain none.
ENGLISH_WORDS = re.compile(r"\b(the|and|of|for|with|we'll|will|to|in)\b", re.IGNORECASE)

# Names the English text uses and the Welsh the Welsh text must use for them.
BRANDS = {"WeCare Wales": "Gofalwn Cymru"}


def _english() -> dict:
    return json.loads(PLAN_FIXTURE.read_text(encoding="utf-8"))


def _welsh() -> dict:
    return json.loads(WELSH_FIXTURE.read_text(encoding="utf-8"))


def _by(items: list[dict], *keys: str) -> dict:
    found = {}
    for item in items:
        key = tuple(item.get(k) for k in keys)
        assert key not in found, f"two items share the key {dict(zip(keys, key, strict=True))}"
        found[key] = item
    return found


def _fields(where: str, en: dict, cy: dict, fields: tuple[str, ...]) -> Iterator[tuple]:
    for field in fields:
        if field in en:
            yield f"{where}.{field}", en[field], cy.get(field)


def _strings(where: str, en: list[str], cy: list[str] | None) -> Iterator[tuple]:
    assert cy is not None and len(cy) == len(en), f"{where}: {len(en)} items in English"
    for index, (en_text, cy_text) in enumerate(zip(en, cy, strict=True)):
        yield f"{where}[{index}]", en_text, cy_text


def _matched(where: str, en: list[dict], cy: list[dict], *keys: str) -> Iterator[tuple]:
    """(English item, Welsh item) pairs matched by keys; both sides must hold the same items."""
    en_items, cy_items = _by(en, *keys), _by(cy, *keys)
    assert cy_items.keys() == en_items.keys(), f"{where}: items differ by {keys}"
    for key, en_item in en_items.items():
        yield f"{where}{list(key)}", en_item, cy_items[key]


def text_pairs(en: dict, cy: dict) -> Iterator[tuple[str, str, str | None]]:
    """(place, English text, Welsh text) for every text of the English plan fixture."""
    yield "strategy.title", en["strategy"]["title"], cy["strategy"].get("title")
    for where, theme, cy_theme in _matched("themes", en["themes"], cy["themes"], "number"):
        yield from _fields(where, theme, cy_theme, THEME_TEXT)
    plan, cy_plan = en["plan"], cy["plan"]
    assert cy_plan["slug"] == plan["slug"]
    yield from _fields("plan", plan, cy_plan, ("title", "summary"))
    for where, period, cy_period in _matched(
        "periods", plan["periods"], cy_plan["periods"], "slug"
    ):
        yield from _fields(where, period, cy_period, ("label",))
    for where, action, cy_action in _matched(
        "actions", plan["actions"], cy_plan["actions"], "number"
    ):
        yield from _fields(where, action, cy_action, ACTION_TEXT)
        yield from _strings(
            f"{where}.sub_points", action["sub_points"], cy_action.get("sub_points")
        )
    lines, cy_lines = plan["measurement_lines"], cy_plan["measurement_lines"]
    assert len(cy_lines) == len(lines)
    for index, (line, cy_line) in enumerate(zip(lines, cy_lines, strict=True)):
        where = f"measurement_lines[{index}]"
        assert cy_line["theme"] == line["theme"], f"{where} belongs to theme {line['theme']}"
        yield from _fields(where, line, cy_line, LINE_TEXT)
        yield from _strings(f"{where}.sub_lines", line["sub_lines"], cy_line.get("sub_lines"))
    for where, indicator, cy_indicator in _matched(
        "indicators", plan["indicators"], cy_plan["indicators"], "code"
    ):
        yield from _fields(where, indicator, cy_indicator, INDICATOR_TEXT)
        for sub, baseline, cy_baseline in _matched(
            f"{where}.baselines",
            indicator.get("baselines", []),
            cy_indicator.get("baselines", []),
            "period",
            "breakdown",
        ):
            yield from _fields(sub, baseline, cy_baseline, BASELINE_TEXT)
        for sub, breakdown, cy_breakdown in _matched(
            f"{where}.breakdowns",
            indicator.get("breakdowns", []),
            cy_indicator.get("breakdowns", []),
            "code",
        ):
            yield from _fields(sub, breakdown, cy_breakdown, BREAKDOWN_TEXT)


def _string_paths(value, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from _string_paths(item, f"{path}[]")
    elif isinstance(value, str):
        yield path


def test_every_english_string_field_is_known_as_text_or_not_text():
    unknown = set(_string_paths(_english())) - TEXT - NOT_TEXT
    assert not unknown, (
        f"new string fields in {PLAN_FIXTURE.name}: {sorted(unknown)}; add each to TEXT here "
        f"(and its Welsh to {WELSH_FIXTURE.name}) or, if it is not text to read, to NOT_TEXT"
    )


def test_the_welsh_file_holds_every_theme_action_and_indicator_counted_from_the_plan():
    cy = _welsh()
    actions = source_actions()
    assert len(actions) == 41
    assert sorted(t["number"] for t in cy["themes"]) == sorted({t for t, _p, _n in actions})
    assert len(cy["themes"]) == 7
    assert sorted(a["number"] for a in cy["plan"]["actions"]) == sorted(n for _t, _p, n in actions)
    assert len(cy["plan"]["indicators"]) == 21


def test_every_english_text_has_a_welsh_text_in_the_same_place():
    pairs = list(text_pairs(_english(), _welsh()))
    missing = [where for where, _en, cy in pairs if not (isinstance(cy, str) and cy.strip())]
    assert not missing, f"no Welsh for: {missing}"
    # Every action, theme and indicator contributes, so a short list means a walk went wrong.
    assert len(pairs) > 41 + 7 * 3 + 21


def test_no_welsh_text_is_the_english_left_as_it_was():
    unchanged = [
        where
        for where, en, cy in text_pairs(_english(), _welsh())
        if cy == en and en not in SAME_IN_BOTH
    ]
    assert not unchanged, f"Welsh equals English at: {unchanged}"
    english_left = [
        (where, cy)
        for where, _en, cy in text_pairs(_english(), _welsh())
        if cy and ENGLISH_WORDS.search(cy)
    ]
    assert not english_left, f"English words in the Welsh: {english_left}"


def test_one_english_text_always_has_the_same_welsh():
    seen: dict[str, tuple[str, str]] = {}
    for where, en, cy in text_pairs(_english(), _welsh()):
        first = seen.setdefault(en, (where, cy))
        assert first[1] == cy, f"{where} and {first[0]} translate {en!r} differently"


def test_official_welsh_titles_are_exact():
    cy = _welsh()
    assert cy["strategy"]["title"] == STRATEGY_TITLE_CY
    assert cy["plan"]["title"] == PLAN_TITLE_CY
    assert cy["format"] == "workforce-tracker-plan-cy/1"
    assert cy["translation_status"] == "tracker"


def test_welsh_names_organisations_and_brands_as_the_sector_does():
    en = _english()
    names = {}
    for organisation in en["organisations"]:
        names[organisation["name"]] = organisation["name_cy"]
        if "abbreviation" in organisation:
            names[organisation["abbreviation"]] = organisation["abbreviation_cy"]
    names.update(BRANDS)
    wrong = [
        (where, english, welsh)
        for where, en_text, cy in text_pairs(en, _welsh())
        for english, welsh in names.items()
        if re.search(rf"\b{re.escape(english)}\b", en_text) and welsh not in (cy or "")
    ]
    assert not wrong, f"Welsh text without the Welsh name: {wrong}"


def test_welsh_labels_agree_with_the_welsh_already_in_the_english_fixture():
    en, cy = _english(), _welsh()
    for _where, period, cy_period in _matched(
        "periods", en["plan"]["periods"], cy["plan"]["periods"], "slug"
    ):
        if "label_cy" in period:
            assert cy_period["label"] == period["label_cy"]
    for _where, indicator, cy_indicator in _matched(
        "indicators", en["plan"]["indicators"], cy["plan"]["indicators"], "code"
    ):
        for _sub, breakdown, cy_breakdown in _matched(
            "breakdowns",
            indicator.get("breakdowns", []),
            cy_indicator.get("breakdowns", []),
            "code",
        ):
            if "label_cy" in breakdown:
                assert cy_breakdown["label"] == breakdown["label_cy"]
