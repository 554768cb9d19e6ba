"""Writes for progress measures: figures and dated statements.

The same rules as indicator values (measures/services.py): Editors only, full_clean inside a
transaction, one figure per period and wording, and an edit made from an older version refused.
"""

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core import roles
from core.errors import EditConflict, NotAllowed
from measures.models import MeasureFigure, MeasureStatement, ProgressMeasure
from measures.periods import parse_period

FIGURE_FIELDS = (
    "period",
    "more_than",
    "value",
    "unit_en",
    "unit_cy",
    "source_en",
    "source_cy",
    "source_url",
    "notes_en",
    "notes_cy",
    "status",
)
STATEMENT_FIELDS = ("stated_on", "text_en", "text_cy")


def version_claim(instance: models.Model, *, base_version: int, message: str) -> None:
    """Move the row on from base_version, or raise EditConflict with what is saved now.

    One UPDATE both checks and bumps the version, so of two people saving from the same
    version exactly one wins.
    """
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        raise EditConflict(message, current=model.objects.get(pk=instance.pk))
    instance.version = base_version + 1


def _check_editor(user, message: str) -> None:
    if not roles.is_editor(user):
        raise NotAllowed(message)


def _figure_clash(figure: MeasureFigure) -> None:
    """One figure per period and wording: a second would make the trend ambiguous."""
    clash = (
        MeasureFigure.objects.filter(
            measure=figure.measure, period=figure.period, unit_en__iexact=figure.unit_en
        )
        .exclude(pk=figure.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "period": ValidationError(
                    _(
                        "There is already a figure for {period} ({unit}): {value}. Change that "
                        "figure instead of adding another."
                    ).format(period=figure.period, unit=clash.unit_en, value=clash.value),
                    code="duplicate",
                )
            }
        )


def _figure_save(figure: MeasureFigure, data: dict[str, Any]) -> MeasureFigure:
    for name in FIGURE_FIELDS:
        if name in data:
            setattr(figure, name, data[name])
    # A bad period is reported against its field, with the formats, by full_clean below.
    with contextlib.suppress(ValueError):
        figure.period_end = parse_period(figure.period).ends_on
    figure.full_clean(exclude=["period_end"])
    _figure_clash(figure)
    stories = list(data.get("stories") or [])
    if any(story.theme_id != figure.measure.line.theme_id for story in stories):
        raise ValidationError(
            {"stories": _("A figure can only be shown in a story of its own theme.")}
        )
    figure.save()
    if "stories" in data:
        figure.stories.set(stories)
    return figure


@transaction.atomic
def measure_figure_record(*, measure: ProgressMeasure, user, data: dict[str, Any]) -> MeasureFigure:
    """Record a new figure for a measure that takes figures."""
    _check_editor(user, _("Only an Editor can record progress measure figures."))
    return _figure_save(MeasureFigure(measure=measure, recorded_by=user), data)


@transaction.atomic
def measure_figure_change(
    *, figure: MeasureFigure, user, data: dict[str, Any], base_version: int
) -> MeasureFigure:
    """Correct a figure, refusing if someone else changed it since the form opened."""
    _check_editor(user, _("Only an Editor can change progress measure figures."))
    version_claim(
        figure,
        base_version=base_version,
        message=_(
            "Someone else changed this figure while you were editing it. Their version is "
            "shown below; your changes are kept in the form. Check them and save again."
        ),
    )
    return _figure_save(figure, data)


def _statement_save(statement: MeasureStatement, data: dict[str, Any]) -> MeasureStatement:
    for name in STATEMENT_FIELDS:
        if name in data:
            setattr(statement, name, data[name])
    errors = {}
    # The plan asks for the statement in both languages; neither may be left empty.
    if not (statement.text_en or "").strip():
        errors["text_en"] = [_("Enter the statement in English")]
    if not (statement.text_cy or "").strip():
        errors["text_cy"] = [_("Enter the statement in Welsh")]
    try:
        statement.full_clean(exclude=["text"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    statement.save()
    return statement


@transaction.atomic
def measure_statement_record(
    *, measure: ProgressMeasure, user, data: dict[str, Any]
) -> MeasureStatement:
    """Record a dated statement for a measure that takes statements."""
    _check_editor(user, _("Only an Editor can record progress measure statements."))
    return _statement_save(MeasureStatement(measure=measure, recorded_by=user), data)


@transaction.atomic
def measure_statement_change(
    *, statement: MeasureStatement, user, data: dict[str, Any], base_version: int
) -> MeasureStatement:
    """Correct a statement, refusing if someone else changed it since the form opened."""
    _check_editor(user, _("Only an Editor can change progress measure statements."))
    version_claim(
        statement,
        base_version=base_version,
        message=_(
            "Someone else changed this statement while you were editing it. Their version is "
            "shown below; your changes are kept in the form. Check them and save again."
        ),
    )
    return _statement_save(statement, data)
