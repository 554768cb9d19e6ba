"""Writes for delivery plans and their actions."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    MeasurementLine,
    Organisation,
    ProgressReview,
    ProgressUpdate,
    ReviewDecision,
    ReviewState,
    derived_state,
)
from actions.plan_document import PlanDocumentError, check_plan_document
from measures.models import Indicator, IndicatorBreakdown, Observation
from measures.periods import parse_period
from themes.models import Strategy, Theme
from tracker import roles
from tracker.errors import EditConflict, NotAllowed

# Fields that django-modeltranslation splits into _en and _cy columns.
_TRANSLATED = {
    Strategy: {"title"},
    Theme: {"title", "ambition", "progress_intro", "indicators_pending_reason"},
    Organisation: {"name", "abbreviation"},
    DeliveryPlan: {"title", "summary"},
    DeliveryPeriod: {"label"},
    Action: {"text"},
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


class _Loader:
    def __init__(self) -> None:
        self.result = PlanLoadResult()

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
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
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


def plan_load(*, document: dict) -> PlanLoadResult:
    """Load a plan document; all or nothing, and a second run changes nothing.

    Records are matched on their natural keys (strategy slug, theme number, plan slug,
    action number...), so records that staff created or edited in other fields survive.
    Status and target date are set only when an action is first created: afterwards they
    belong to progress updates.
    """
    check_plan_document(document)
    loader = _Loader()
    with transaction.atomic():
        _load(loader, document)
    return loader.result


def _load(loader: _Loader, doc: dict) -> None:
    s = doc["strategy"]
    strategy = loader.upsert(
        Strategy,
        "strategy",
        {"slug": s["slug"]},
        loader.values(Strategy, s, ("title", "start_year", "end_year")),
    )
    themes: dict[int, Theme] = {}
    for i, t in enumerate(doc["themes"]):
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
            **loader.values(DeliveryPlan, p, ("title", "summary", "start_year", "end_year")),
            "first_published": _date(p.get("first_published")),
            "last_updated": _date(p.get("last_updated")),
            "source_url": p.get("source_url", ""),
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
        period = periods[a["period"]]
        action = Action.objects.filter(plan=plan, number=a["number"]).first()
        values = {
            "theme": themes[a["theme"]],
            "period": period,
            **loader.values(Action, a, ("text",)),
        }
        if action is None:
            # "During 2024" means done by the end of 2024 until an update revises it.
            values["target_date"] = period.ends_on
        action = loader.upsert(Action, where, {"plan": plan, "number": a["number"]}, values)
        sub_points = a.get("sub_points", [])
        points = {
            position: loader.upsert(
                ActionSubPoint,
                f"{where} sub_points[{position - 1}]",
                {"action": action, "position": position},
                {"text_en": text},
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

    per_theme: dict[int, int] = {}
    for i, line in enumerate(p.get("measurement_lines", [])):
        theme = themes[line["theme"]]
        parent = _measurement_line(loader, plan, theme, per_theme, line["text"], None, i)
        for text in line.get("sub_lines", []):
            _measurement_line(loader, plan, theme, per_theme, text, parent, i)

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


def _measurement_line(loader, plan, theme, per_theme, text, parent, index) -> MeasurementLine:
    position = per_theme[theme.number] = per_theme.get(theme.number, 0) + 1
    return loader.upsert(
        MeasurementLine,
        f"plan.measurement_lines[{index}]",
        {"plan": plan, "theme": theme, "position": position},
        {"text_en": text, "parent": parent},
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# Progress updates ---------------------------------------------------------------------------

# The fields a person gives for an update, in the order the form shows them.
UPDATE_FIELDS = (
    "status",
    "status_reason",
    "summary_en",
    "summary_cy",
    "next_steps",
    "internal_note",
    "evidence_links",
    "quarter",
    "revised_target_date",
    "date_change_reason",
)


def _claim_action_version(*, action: Action, base_version: int) -> None:
    """Move the action on one version, or refuse if someone moved it since the form opened.

    A conditional UPDATE is atomic on every database, so of two people saving at once exactly
    one succeeds.
    """
    claimed = Action.objects.filter(pk=action.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        latest = (
            ProgressUpdate.objects.filter(action=action)
            .select_related("submitted_by", "review")
            .order_by("-submitted_at", "-pk")
            .first()
        )
        raise EditConflict(
            _(
                "Someone else changed this action while you were editing it. Their update is "
                "shown below; your text is kept in the form. Check it and save again."
            ),
            current=latest,
        )
    action.version = base_version + 1


@transaction.atomic
def update_submit(
    *,
    action: Action,
    user,
    data: dict[str, Any],
    base_version: int,
    resubmission_of: ProgressUpdate | None = None,
    approve: bool = False,
) -> ProgressUpdate:
    """Record a new progress update. Editors may approve their own in the same step."""
    if not roles.can_submit_update(user, action):
        raise NotAllowed(_("You can only update actions your organisation leads or supports."))
    if approve and not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can approve an update."))
    if resubmission_of is not None:
        if resubmission_of.action_id != action.pk:
            raise ValidationError(_("The returned update belongs to another action."))
        if update_state(resubmission_of) != ReviewState.RETURNED:
            raise ValidationError(_("Only a returned update can be resubmitted."))
        if ProgressUpdate.objects.filter(resubmission_of=resubmission_of).exists():
            raise ValidationError(_("That returned update has already been resubmitted."))
    update = ProgressUpdate(
        action=action,
        submitted_by=user,
        resubmission_of=resubmission_of,
        **{name: data.get(name) for name in UPDATE_FIELDS if name in data},
    )
    update.full_clean()
    _claim_action_version(action=action, base_version=base_version)
    update.save()
    if approve:
        update_approve(update=update, user=user)
    return update


def update_state(update: ProgressUpdate) -> str:
    review = getattr(update, "review", None)
    if review is None:
        return ReviewState.SUBMITTED
    if review.decision == ReviewDecision.APPROVE:
        return ReviewState.APPROVED
    return ReviewState.RETURNED


def _review(*, update: ProgressUpdate, user, decision: str, comment: str) -> ProgressReview:
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can review updates."))
    review = ProgressReview(update=update, decision=decision, comment=comment, reviewed_by=user)
    existing = ProgressReview.objects.filter(update=update).select_related("reviewed_by").first()
    if existing is not None:
        raise EditConflict(
            _("{person} already decided on this update on {when}.").format(
                person=existing.reviewed_by.get_full_name() or existing.reviewed_by.username,
                when=formats.date_format(timezone.localtime(existing.reviewed_at), "j F Y, H:i"),
            ),
            current=existing,
        )
    review.full_clean(exclude=["update"])
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as exc:
        # Another Editor's decision landed between our check and our save.
        raise EditConflict(_("Someone else decided on this update first."), current=None) from exc
    return review


@transaction.atomic
def update_approve(*, update: ProgressUpdate, user) -> ProgressReview:
    """Approve an update: it becomes public and, if it is the newest approved, current."""
    review = _review(update=update, user=user, decision=ReviewDecision.APPROVE, comment="")
    action = Action.objects.select_for_update().get(pk=update.action_id)
    _action_refresh(action=action)
    return review


@transaction.atomic
def update_return(*, update: ProgressUpdate, user, comment: str) -> ProgressReview:
    """Send an update back to its owner with a comment they will see."""
    review = _review(update=update, user=user, decision=ReviewDecision.RETURN, comment=comment)
    Action.objects.filter(pk=update.action_id).update(version=models.F("version") + 1)
    return review


def _action_refresh(*, action: Action) -> None:
    """Derive the action's status and target date from its approved updates."""
    approved = list(
        ProgressUpdate.objects.filter(
            action=action, review__decision=ReviewDecision.APPROVE
        ).order_by("quarter", "submitted_at", "pk")
    )
    status, target = derived_state(action, approved)
    # The caller holds the row lock (select_for_update), so counting up in Python is safe.
    action.status, action.target_date, action.version = status, target, action.version + 1
    action.save(update_fields=["status", "target_date", "version"])
