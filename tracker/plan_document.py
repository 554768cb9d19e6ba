"""Checks a plan document (fixtures/plan-*.json) before anything is written.

Every problem is reported with the record it belongs to, so whoever edits the file can find
it: ``plan.actions[3] (action 4): theme 9 is not a theme of the strategy (1 to 7)``.
"""

import datetime
import json
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from actions.models import ItemName, OwnerRole
from measures.models import BaselineStatus, Direction, Unit
from measures.periods import PERIOD_FORMAT_HELP, parse_period

FORMAT = "workforce-tracker-plan/1"


class PlanDocumentError(Exception):
    """The document cannot be loaded. ``problems`` lists every reason found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_plan_document(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanDocumentError([f"{path}: cannot be read ({exc.strerror})."]) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanDocumentError(
            [f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."]
        ) from exc
    return document


def _is_number(value: Any) -> bool:
    # JSON true is a Python int too; a theme number must be a real number.
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "must be an object with named fields.")
            return {}
        return value

    def items(self, parent: dict, key: str, where: str, required: bool = True) -> list:
        value = parent.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.fail(where, f"'{key}' must be a list.")
            return []
        return value

    def objects(self, items: list, where: str) -> Iterator[tuple[str, dict]]:
        """Each item of a list of objects, with its place (``where[0]``, ``where[1]``...)."""
        for i, raw in enumerate(items):
            item_where = f"{where}[{i}]"
            yield item_where, self.obj(raw, item_where)

    def text(self, record: dict, key: str, where: str, required: bool = True) -> str:
        value = record.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, f"'{key}' must be a non-empty text.")
            return ""
        if value != value.strip():
            self.fail(where, f"'{key}' has spaces at its start or end.")
        return value

    def integer(self, record: dict, key: str, where: str, minimum: int = 1) -> int | None:
        value = record.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(where, f"'{key}' must be a whole number of at least {minimum}.")
            return None
        return value

    def date(self, record: dict, key: str, where: str, required: bool = True) -> None:
        value = record.get(key)
        if value is None and not required:
            return
        try:
            datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(where, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}.")

    def choice(self, record: dict, key: str, where: str, choices: type) -> None:
        value = record.get(key)
        allowed = [c.value for c in choices]
        if value not in allowed:
            self.fail(where, f"'{key}' is {value!r}; it must be one of {', '.join(allowed)}.")

    def decimal(self, record: dict, key: str, where: str) -> Decimal | None:
        value = record.get(key)
        number = None
        if isinstance(value, str | int) and not isinstance(value, bool):
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite():
            self.fail(
                where, f"'{key}' must be a number written as text, such as \"65\", not {value!r}."
            )
            return None
        return number


def refers_to_loaded_strategy(document: Any) -> bool:
    """A later plan's document names the strategy by its slug and brings no themes: themes
    belong to the strategy, so loading another plan never rewrites their titles."""
    return isinstance(document, dict) and "themes" not in document


def check_plan_document(document: Any, *, strategy_themes: list[int] | None = None) -> None:
    """Raise PlanDocumentError listing every problem in the document, or return None.

    ``strategy_themes``: the theme numbers of the strategy already loaded, for a document that
    refers to it (``refers_to_loaded_strategy``); None when that strategy is not loaded.
    """
    c = _Checker()
    doc = c.obj(document, "document")
    if doc and doc.get("format") != FORMAT:
        c.fail("document", f"'format' must be {FORMAT!r}, not {doc.get('format')!r}.")

    strategy = c.obj(doc.get("strategy"), "strategy")
    c.text(strategy, "slug", "strategy")
    theme_numbers: list[int] = []
    pending_themes: set[int] = set()
    if refers_to_loaded_strategy(doc):
        if strategy_themes is None:
            c.fail(
                "strategy",
                f"strategy {strategy.get('slug')!r} is not loaded: load the plan document that "
                "brings its themes first (fixtures/plan-2024-2027.json).",
            )
        theme_numbers = list(strategy_themes or [])
    else:
        c.text(strategy, "title", "strategy")
        c.integer(strategy, "start_year", "strategy", minimum=1900)
        c.integer(strategy, "end_year", "strategy", minimum=1900)
    for where, theme in c.objects(c.items(doc, "themes", "document", required=False), "themes"):
        number = c.integer(theme, "number", where)
        if number is not None:
            where = f"{where} (theme {number})"
            if number in theme_numbers:
                c.fail(where, f"theme number {number} appears more than once.")
            theme_numbers.append(number)
            if theme.get("indicators_pending_reason"):
                pending_themes.add(number)
        for key in ("title", "ambition"):
            c.text(theme, key, where)
        c.text(theme, "progress_intro", where, required=False)
    known_themes = f"1 to {max(theme_numbers)}" if theme_numbers else "none defined"

    org_slugs: set[str] = set()
    for where, org in c.objects(c.items(doc, "organisations", "document"), "organisations"):
        slug = c.text(org, "slug", where)
        c.text(org, "name", where)
        if slug in org_slugs:
            c.fail(where, f"organisation {slug!r} appears more than once.")
        org_slugs.add(slug)

    plan = c.obj(doc.get("plan"), "plan")
    for key in ("slug", "title"):
        c.text(plan, key, "plan")
    if plan.get("strategy") != strategy.get("slug"):
        c.fail("plan", f"'strategy' must be {strategy.get('slug')!r}, the document's strategy.")
    c.integer(plan, "start_year", "plan", minimum=1900)
    c.integer(plan, "end_year", "plan", minimum=1900)
    c.date(plan, "first_published", "plan", required=False)
    c.date(plan, "last_updated", "plan", required=False)
    _check_plan_extras(c, plan, theme_numbers, known_themes)

    period_slugs: list[str] = []
    for where, period in c.objects(c.items(plan, "periods", "plan"), "plan.periods"):
        slug = c.text(period, "slug", where)
        c.text(period, "label", where)
        c.date(period, "starts_on", where)
        c.date(period, "ends_on", where)
        if slug in period_slugs:
            c.fail(where, f"period {slug!r} appears more than once.")
        period_slugs.append(slug)

    action_numbers: set[int] = set()
    for at, action in c.objects(c.items(plan, "actions", "plan"), "plan.actions"):
        number = c.integer(action, "number", at)
        where = f"{at} (action {number})" if number else at
        if number is not None:
            if number in action_numbers:
                c.fail(where, f"action number {number} appears more than once in the plan.")
            action_numbers.add(number)
        if not _is_number(action.get("theme")) or action.get("theme") not in theme_numbers:
            c.fail(where, f"theme {action.get('theme')!r} is not a theme ({known_themes}).")
        if not period_slugs and "period" in action:
            c.fail(where, "the plan has no periods, so an action gives no 'period'.")
        elif period_slugs and action.get("period") not in period_slugs:
            c.fail(
                where,
                f"period {action.get('period')!r} is not one of the plan's periods "
                f"({', '.join(period_slugs)}).",
            )
        c.text(action, "text", where)
        c.text(action, "description", where, required=False)
        for j, sub_point in enumerate(c.items(action, "sub_points", where, required=False)):
            if not isinstance(sub_point, str) or not sub_point.strip():
                c.fail(f"{where} sub_points[{j}]", "must be a non-empty text.")
        owners = c.items(action, "owners", where)
        if not owners:
            c.fail(where, "must have at least one owner.")
        seen_owners: set[str] = set()
        for owner_where, owner in c.objects(owners, f"{where} owners"):
            slug = owner.get("organisation")
            if not isinstance(slug, str) or slug not in org_slugs:
                c.fail(owner_where, f"organisation {slug!r} is not in 'organisations'.")
            if str(slug) in seen_owners:
                c.fail(owner_where, f"organisation {slug!r} is named twice.")
            seen_owners.add(str(slug))
            c.choice(owner, "role", owner_where, OwnerRole)
            if not isinstance(owner.get("named_in_text", False), bool):
                c.fail(owner_where, "'named_in_text' must be true or false.")
            if "sub_point" in owner:
                count = len(action.get("sub_points") or [])
                sub_point = owner["sub_point"]
                if not _is_number(sub_point) or not 1 <= sub_point <= count:
                    c.fail(
                        owner_where,
                        f"'sub_point' is {sub_point!r}; it must be the number of one of the "
                        f"action's sub-points (1 to {count})."
                        if count
                        else "'sub_point' is given but the action has no sub-points.",
                    )
                elif not owner.get("named_in_text", False):
                    c.fail(
                        owner_where,
                        "an owner of one sub-point is named there: set 'named_in_text' to true.",
                    )

    lines = c.items(plan, "measurement_lines", "plan", required=False)
    for where, line in c.objects(lines, "plan.measurement_lines"):
        if not _is_number(line.get("theme")) or line.get("theme") not in theme_numbers:
            c.fail(where, f"theme {line.get('theme')!r} is not a theme ({known_themes}).")
        c.text(line, "text", where)
        for j, sub_line in enumerate(c.items(line, "sub_lines", where, required=False)):
            if not isinstance(sub_line, str) or not sub_line.strip():
                c.fail(f"{where} sub_lines[{j}]", "must be a non-empty text.")

    indicator_codes: set[str] = set()
    indicators = c.items(plan, "indicators", "plan", required=False)
    for where, indicator in c.objects(indicators, "plan.indicators"):
        theme = indicator.get("theme")
        code = indicator.get("code")
        if isinstance(code, str):
            where = f"{where} (indicator {code})"
        if not isinstance(code, str) or not re.fullmatch(r"\d+\.\d+", code):
            c.fail(where, f"'code' must be theme and position, such as \"1.1\", not {code!r}.")
        elif code in indicator_codes:
            c.fail(where, f"indicator code {code} appears more than once.")
        elif int(code.split(".")[0]) != theme:
            c.fail(where, f"code {code} does not start with its theme number {theme!r}.")
        indicator_codes.add(code)
        if not _is_number(theme) or theme not in theme_numbers:
            c.fail(where, f"theme {theme!r} is not a theme ({known_themes}).")
        elif theme in pending_themes:
            c.fail(
                where, f"theme {theme} has no indicators yet (see its indicators_pending_reason)."
            )
        c.text(indicator, "statement", where)
        c.choice(indicator, "direction", where, Direction)
        c.choice(indicator, "unit", where, Unit)
        c.choice(indicator, "baseline_status", where, BaselineStatus)
        if indicator.get("direction") == Direction.MAINTAIN and "tolerance" not in indicator:
            c.fail(where, "a 'maintain' indicator needs a 'tolerance'.")
        if "tolerance" in indicator:
            c.decimal(indicator, "tolerance", where)
        breakdown_codes: set[str] = set()
        breakdowns = c.items(indicator, "breakdowns", where, required=False)
        for d_where, breakdown in c.objects(breakdowns, f"{where} breakdowns"):
            code_ = breakdown.get("code")
            if not isinstance(code_, str) or not re.fullmatch(r"[-a-z0-9]+", code_):
                c.fail(d_where, f"'code' must be a short code such as \"anxiety\", not {code_!r}.")
            elif code_ in breakdown_codes:
                c.fail(d_where, f"breakdown {code_!r} appears more than once.")
            breakdown_codes.add(code_)
            c.text(breakdown, "label", d_where)
            c.choice(breakdown, "direction", d_where, Direction)
            if breakdown.get("direction") == Direction.MAINTAIN and "tolerance" not in indicator:
                c.fail(d_where, "a 'maintain' breakdown needs its indicator to have a 'tolerance'.")
        baselines = c.items(indicator, "baselines", where, required=False)
        if indicator.get("baseline_status") == BaselineStatus.SET and not baselines:
            c.fail(where, "baseline_status is 'set' but no baselines are given.")
        if indicator.get("baseline_status") != BaselineStatus.SET and baselines:
            c.fail(where, "baselines are given, so baseline_status must be 'set'.")
        seen: set[tuple] = set()
        for b_where, baseline in c.objects(baselines, f"{where} baselines"):
            period = baseline.get("period")
            try:
                parse_period(period if isinstance(period, str) else "")
            except ValueError:
                c.fail(b_where, f"{period!r} is not a period. Use {PERIOD_FORMAT_HELP}.")
            c.decimal(baseline, "value", b_where)
            c.text(baseline, "source", b_where)
            key = (str(baseline.get("period")), str(baseline.get("breakdown", "")))
            if key in seen:
                c.fail(
                    b_where, f"a second baseline for period {key[0]!r} and breakdown {key[1]!r}."
                )
            seen.add(key)
            if baseline.get("breakdown") and not baseline.get("breakdown_label"):
                c.fail(b_where, "'breakdown' needs a 'breakdown_label'.")

    if c.problems:
        raise PlanDocumentError(c.problems)


_NUMBERINGS = ("plan", "ours")


def _check_plan_extras(c: _Checker, plan: dict, theme_numbers: list, known_themes: str) -> None:
    """What a plan may say beyond its actions: a short title, whether it has ended and who
    numbered its actions, its own theme headings with their bullets, and its ambitions."""
    c.text(plan, "short_title", "plan", required=False)
    if not isinstance(plan.get("ended", False), bool):
        c.fail("plan", "'ended' must be true or false.")
    if plan.get("numbering", "plan") not in _NUMBERINGS:
        c.fail("plan", f"'numbering' must be one of {', '.join(_NUMBERINGS)}.")
    if plan.get("item_name", ItemName.ACTION) not in ItemName.values:
        c.fail("plan", f"'item_name' must be one of {', '.join(ItemName.values)}.")
    seen: set = set()
    for where, theme in c.objects(c.items(plan, "themes", "plan", required=False), "plan.themes"):
        number = theme.get("theme")
        if not _is_number(number) or number not in theme_numbers:
            c.fail(where, f"theme {number!r} is not a theme ({known_themes}).")
        else:
            where = f"{where} (theme {number})"
            if number in seen:
                c.fail(where, f"theme {number} is headed twice.")
        seen.add(number)
        c.text(theme, "heading", where)
        for key in ("why", "benefits"):
            _check_texts(c, theme, key, where)
    _check_texts(c, plan, "ambitions", "plan")


def _check_texts(c: _Checker, record: dict, key: str, where: str) -> None:
    for j, text in enumerate(c.items(record, key, where, required=False)):
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            c.fail(f"{where} {key}[{j}]", "must be a non-empty text without spaces around it.")
