"""Loading a delivery plan document: themes, actions, owners, indicators and baselines.

It lives in the project (the top floor) because one plan document writes into every app:
themes, actions and measures. Each app stays free of imports from the floors above it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from actions.models import Action, ActionOwner, ActionSubPoint, MeasurementLine
from actions.plan_models import (
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
    PlanStatement,
    PlanTheme,
    StatementKind,
)
from measures.models import Indicator, IndicatorBreakdown, Observation
from measures.periods import parse_period
from themes.models import Strategy, Theme
from tracker.plan_document import (
    PlanDocumentError,
    check_plan_document,
    refers_to_loaded_strategy,
)
from tracker.plan_welsh import welsh_merge

# Fields that django-modeltranslation splits into _en and _cy columns.
_TRANSLATED = {
    Strategy: {"title"},
    Theme: {"title", "ambition", "progress_intro", "indicators_pending_reason"},
    Organisation: {"name", "abbreviation"},
    DeliveryPlan: {"title", "summary", "short_title"},
    DeliveryPeriod: {"label"},
    Action: {"text", "description"},
    PlanTheme: {"heading"},
    ActionSubPoint: {"text"},
    MeasurementLine: {"text"},
    Indicator: {"statement", "baseline_text", "notes"},
    Observation: {"breakdown_label", "source", "notes"},
    IndicatorBreakdown: {"label"},
}


@dataclass
class PlanLoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def count(self, bucket: dict[str, int], model: type[models.Model]) -> None:
        name = str(model._meta.verbose_name_plural)
        bucket[name] = bucket.get(name, 0) + 1


# Staff correct the Welsh in the admin, and translators mark it reviewed; a reload of the plan
# (every deploy runs load_plan) must not put the file's older text back. So a Welsh text or
# the translation status already present is kept unless replacing is asked for.
_KEPT_ONCE_SET = {"welsh_translation_status"}


def _kept(name: str, current: Any, *, replace_welsh: bool) -> bool:
    if replace_welsh or current in (None, ""):
        return False
    return name.endswith("_cy") or name in _KEPT_ONCE_SET


class _Loader:
    def __init__(self, *, replace_welsh: bool = False) -> None:
        self.result = PlanLoadResult()
        self.replace_welsh = replace_welsh

    def values(self, model: type[models.Model], record: dict, keys: tuple[str, ...]) -> dict:
        """Map document keys to model fields, English into _en and Welsh (if given) into _cy."""
        translated = _TRANSLATED.get(model, set())
        values: dict[str, Any] = {}
        for key in keys:
            if key in translated:
                values[f"{key}_en"] = record.get(key, "")
                if record.get(f"{key}_cy"):
                    values[f"{key}_cy"] = record[f"{key}_cy"]
            elif key in record:
                values[key] = record[key]
        return values

    def upsert(
        self, model: type[models.Model], where: str, lookup: dict, values: dict
    ) -> models.Model:
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            bucket = self.result.created
        else:
            changed = [
                name
                for name, value in values.items()
                if getattr(obj, name) != value
                and not _kept(name, getattr(obj, name), replace_welsh=self.replace_welsh)
            ]
            if not changed:
                self.result.unchanged += 1
                return obj
            for name in changed:
                setattr(obj, name, values[name])
            bucket = self.result.updated
        try:
            obj.full_clean()
        except ValidationError as exc:
            details = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
            )
            raise PlanDocumentError([f"{where}: {details}"]) from exc
        obj.save()
        self.result.count(bucket, model)
        return obj


def plan_load(*, document: dict, welsh: Any = None, replace_welsh: bool = False) -> PlanLoadResult:
    """Load a plan document, with its Welsh text if given; all or nothing, and a second run
    changes nothing.

    Records are matched on their natural keys (strategy slug, theme number, plan slug,
    action number...), so records that staff created or edited in other fields survive.
    Status and target date are set only when an action is first created: afterwards they
    belong to progress updates. The Welsh document's texts go into the _cy fields in the same
    transaction as the English (WelshDocumentError names any Welsh item that does not match).
    Welsh already in the database (and its translation status) is kept unless replace_welsh.
    """
    check_plan_document(document, strategy_themes=_loaded_themes(document))
    if welsh is not None:
        document = welsh_merge(document=document, welsh=welsh)
    loader = _Loader(replace_welsh=replace_welsh)
    with transaction.atomic():
        _load(loader, document)
    return loader.result


def _loaded_themes(document: Any) -> list[int] | None:
    """The theme numbers of the strategy a later plan's document refers to, if loaded."""
    if not refers_to_loaded_strategy(document):
        return None
    slug = (document.get("strategy") or {}).get("slug")
    strategy = Strategy.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    return list(strategy.themes.values_list("number", flat=True)) if strategy else None


def _load(loader: _Loader, doc: dict) -> None:
    s = doc["strategy"]
    if refers_to_loaded_strategy(doc):
        # Themes belong to the strategy: a later plan heads them its own way (PlanTheme).
        strategy = Strategy.objects.get(slug=s["slug"])
    else:
        strategy = loader.upsert(
            Strategy,
            "strategy",
            {"slug": s["slug"]},
            loader.values(Strategy, s, ("title", "start_year", "end_year")),
        )
    themes: dict[int, Theme] = {t.number: t for t in strategy.themes.all()}
    for i, t in enumerate(doc.get("themes", [])):
        themes[t["number"]] = loader.upsert(
            Theme,
            f"themes[{i}] (theme {t['number']})",
            {"strategy": strategy, "number": t["number"]},
            loader.values(
                Theme, t, ("title", "ambition", "progress_intro", "indicators_pending_reason")
            ),
        )
    organisations: dict[str, Organisation] = {}
    for i, o in enumerate(doc["organisations"]):
        organisations[o["slug"]] = loader.upsert(
            Organisation,
            f"organisations[{i}] ({o['slug']})",
            {"slug": o["slug"]},
            loader.values(Organisation, o, ("name", "abbreviation")),
        )

    p = doc["plan"]
    plan = loader.upsert(
        DeliveryPlan,
        "plan",
        {"slug": p["slug"]},
        {
            "strategy": strategy,
            **loader.values(
                DeliveryPlan, p, ("title", "summary", "short_title", "start_year", "end_year")
            ),
            "ended": p.get("ended", False),
            "numbered_by_tracker": p.get("numbering") == "ours",
            "item_name": p.get("item_name", "action"),
            "first_published": _date(p.get("first_published")),
            "last_updated": _date(p.get("last_updated")),
            "source_url": p.get("source_url", ""),
            # Set only by a Welsh file (welsh_merge); without one, the status stays as it was.
            **(
                {"welsh_translation_status": p["welsh_translation_status"]}
                if "welsh_translation_status" in p
                else {}
            ),
        },
    )
    periods: dict[str, DeliveryPeriod] = {}
    for position, period in enumerate(p["periods"], start=1):
        periods[period["slug"]] = loader.upsert(
            DeliveryPeriod,
            f"plan.periods[{position - 1}] ({period['slug']})",
            {"plan": plan, "slug": period["slug"]},
            {
                **loader.values(DeliveryPeriod, period, ("label",)),
                "position": position,
                "starts_on": _date(period["starts_on"]),
                "ends_on": _date(period["ends_on"]),
            },
        )

    for i, a in enumerate(p["actions"]):
        where = f"plan.actions[{i}] (action {a['number']})"
        period = periods.get(a.get("period"))
        action = Action.objects.filter(plan=plan, number=a["number"]).first()
        values = {
            "theme": themes[a["theme"]],
            "period": period,
            **loader.values(Action, a, ("text", "description")),
        }
        if action is None and period is not None:
            # "During 2024" means done by the end of 2024 until an update revises it.
            values["target_date"] = period.ends_on
        action = loader.upsert(Action, where, {"plan": plan, "number": a["number"]}, values)
        sub_points = a.get("sub_points", [])
        points = {
            position: loader.upsert(
                ActionSubPoint,
                f"{where} sub_points[{position - 1}]",
                {"action": action, "position": position},
                _text(text, _nth(a.get("sub_points_cy"), position - 1)),
            )
            for position, text in enumerate(sub_points, start=1)
        }
        # Sub-points are the plan's own wording: the document is their only source.
        removed, _ = ActionSubPoint.objects.filter(
            action=action, position__gt=len(sub_points)
        ).delete()
        if removed:
            loader.result.count(loader.result.updated, ActionSubPoint)
        for j, owner in enumerate(a["owners"]):
            loader.upsert(
                ActionOwner,
                f"{where} owners[{j}]",
                {"action": action, "organisation": organisations[owner["organisation"]]},
                {
                    "role": owner["role"],
                    "named_in_text": owner.get("named_in_text", False),
                    "sub_point": points.get(owner.get("sub_point")),
                },
            )
        # Owners come from the plan's text too, so an owner the document drops is dropped.
        named = [organisations[owner["organisation"]].pk for owner in a["owners"]]
        removed, _ = (
            ActionOwner.objects.filter(action=action).exclude(organisation__in=named).delete()
        )
        if removed:
            loader.result.count(loader.result.updated, ActionOwner)

    _plan_themes(loader, plan, themes, p)

    per_theme: dict[int, int] = {}
    for i, line in enumerate(p.get("measurement_lines", [])):
        theme = themes[line["theme"]]
        values = _text(line["text"], line.get("text_cy"))
        parent = _measurement_line(loader, plan, theme, per_theme, values, None, i)
        for j, text in enumerate(line.get("sub_lines", [])):
            values = _text(text, _nth(line.get("sub_lines_cy"), j))
            _measurement_line(loader, plan, theme, per_theme, values, parent, i)

    for i, ind in enumerate(p.get("indicators", [])):
        theme = themes[ind["theme"]]
        # The code ("1.1") is the indicator's identity: observations hang on it, so it never
        # shifts when an indicator is added before another.
        position = int(ind["code"].split(".")[1])
        where = f"plan.indicators[{i}] (indicator {ind['code']})"
        indicator = loader.upsert(
            Indicator,
            where,
            {"plan": plan, "theme": theme, "position": position},
            {
                **loader.values(Indicator, ind, ("statement", "baseline_text", "notes")),
                "baseline_status": ind["baseline_status"],
                "direction": ind["direction"],
                "unit": ind["unit"],
                "tolerance": Decimal(ind["tolerance"]) if "tolerance" in ind else None,
            },
        )
        for j, d in enumerate(ind.get("breakdowns", [])):
            loader.upsert(
                IndicatorBreakdown,
                f"{where} breakdowns[{j}]",
                {"indicator": indicator, "code": d["code"]},
                {
                    **loader.values(IndicatorBreakdown, d, ("label",)),
                    "position": j + 1,
                    "direction": d["direction"],
                },
            )
        for j, b in enumerate(ind.get("baselines", [])):
            loader.upsert(
                Observation,
                f"{where} baselines[{j}]",
                {
                    "indicator": indicator,
                    "period": b["period"],
                    "breakdown": b.get("breakdown", ""),
                },
                {
                    **loader.values(Observation, b, ("breakdown_label", "source", "notes")),
                    "period_end": parse_period(b["period"]).ends_on,
                    "value": Decimal(b["value"]),
                    "is_baseline": True,
                },
            )


def _plan_themes(loader: _Loader, plan: DeliveryPlan, themes: dict[int, Theme], p: dict) -> None:
    """The plan's own theme headings, each theme's "why" and "benefits", and its ambitions."""
    statements = [(None, StatementKind.AMBITION, "plan.ambitions", p.get("ambitions", []))]
    for position, t in enumerate(p.get("themes", []), start=1):
        where = f"plan.themes[{position - 1}] (theme {t['theme']})"
        plan_theme = loader.upsert(
            PlanTheme,
            where,
            {"plan": plan, "theme": themes[t["theme"]]},
            {"position": position, **loader.values(PlanTheme, t, ("heading",))},
        )
        statements.append((plan_theme, StatementKind.WHY, f"{where} why", t.get("why", [])))
        statements.append(
            (plan_theme, StatementKind.BENEFIT, f"{where} benefits", t.get("benefits", []))
        )
    for plan_theme, kind, where, texts in statements:
        for position, text in enumerate(texts, start=1):
            loader.upsert(
                PlanStatement,
                f"{where}[{position - 1}]",
                {"plan": plan, "plan_theme": plan_theme, "kind": kind, "position": position},
                {"text_en": text},
            )
        # The plan's own words: the document is their only source, as for sub-points.
        removed, _ = PlanStatement.objects.filter(
            plan=plan, plan_theme=plan_theme, kind=kind, position__gt=len(texts)
        ).delete()
        if removed:
            loader.result.count(loader.result.updated, PlanStatement)


def _text(english: str, welsh: str | None) -> dict[str, str]:
    """A text's values; Welsh only when the document gives it, so staff's own Welsh stays."""
    return {"text_en": english, **({"text_cy": welsh} if welsh else {})}


def _nth(texts: list[str] | None, index: int) -> str | None:
    return texts[index] if texts and index < len(texts) else None


def _measurement_line(loader, plan, theme, per_theme, values, parent, index) -> MeasurementLine:
    position = per_theme[theme.number] = per_theme.get(theme.number, 0) + 1
    return loader.upsert(
        MeasurementLine,
        f"plan.measurement_lines[{index}]",
        {"plan": plan, "theme": theme, "position": position},
        {**values, "parent": parent},
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
