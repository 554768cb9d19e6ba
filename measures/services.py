"""Writes for indicator values."""

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from core import roles
from core.errors import EditConflict, NotAllowed
from measures.models import Indicator, Observation
from measures.periods import parse_period
from measures.selectors import observation_clash

OBSERVATION_FIELDS = (
    "period",
    "value",
    "breakdown",
    "breakdown_label_en",
    "breakdown_label_cy",
    "source_en",
    "source_cy",
    "notes_en",
    "notes_cy",
    "status",
    "release_date",
)
# What an Editor changes about an indicator itself: its definition and where its figures come
# from. The statement, direction and baseline come from the plan.
DEFINITION_FIELDS = (
    "definition_en",
    "definition_cy",
    "method_en",
    "method_cy",
    "caveats_en",
    "caveats_cy",
    "source_publication_en",
    "source_publication_cy",
    "source_url",
    "producer_en",
    "producer_cy",
    "frequency",
    "next_release",
)


def _check_unique(observation: Observation) -> None:
    clash = observation_clash(
        indicator=observation.indicator,
        period=observation.period,
        breakdown=observation.breakdown,
        exclude_pk=observation.pk,
    )
    if clash is not None:
        where = observation.breakdown_label or _("the whole workforce")
        # The code lets the value form link to the existing value's edit page.
        raise ValidationError(
            {
                "period": ValidationError(
                    _(
                        "There is already a value for {period} ({breakdown}): {value}. "
                        "Change that value instead of adding another."
                    ).format(period=observation.period, breakdown=where, value=clash.value),
                    code="duplicate",
                )
            }
        )


def _save_unique(observation: Observation) -> None:
    """Save; if someone saved the same period and breakdown between our check and our save,
    say so as the check would have (a field error), not with a 500."""
    try:
        with transaction.atomic():
            observation.save()
    except IntegrityError:
        _check_unique(observation)
        raise


@transaction.atomic
def observation_record(*, indicator: Indicator, user, data: dict[str, Any]) -> Observation:
    """Record a new value of an indicator."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can record indicator values."))
    observation = Observation(
        indicator=indicator,
        recorded_by=user,
        **{name: data[name] for name in OBSERVATION_FIELDS if name in data},
    )
    observation.breakdown = observation.breakdown or ""
    if observation.period:
        # A bad period is reported against its field by full_clean below.
        with contextlib.suppress(ValueError):
            observation.period_end = parse_period(observation.period).ends_on
    # Uniqueness is checked by _check_unique, whose message says which value is already there.
    observation.full_clean(
        exclude=["period_end"], validate_unique=False, validate_constraints=False
    )
    _check_unique(observation)
    _save_unique(observation)
    return observation


@transaction.atomic
def observation_change(
    *, observation: Observation, user, data: dict[str, Any], base_version: int
) -> Observation:
    """Correct a recorded value, refusing if someone else changed it since the form opened."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can change indicator values."))
    claimed = Observation.objects.filter(pk=observation.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        current = Observation.objects.select_related("recorded_by").get(pk=observation.pk)
        raise EditConflict(
            _(
                "Someone else changed this value while you were editing it. Their version is "
                "shown below; your changes are kept in the form. Check them and save again."
            ),
            current=current,
        )
    for name in OBSERVATION_FIELDS:
        if name in data:
            setattr(observation, name, data[name])
    observation.breakdown = observation.breakdown or ""
    observation.version = base_version + 1
    observation.full_clean(validate_unique=False, validate_constraints=False)
    _check_unique(observation)
    _save_unique(observation)
    return observation


@transaction.atomic
def indicator_definition_change(
    *, indicator: Indicator, user, data: dict[str, Any], base_version: int
) -> Indicator:
    """Change an indicator's definition, method, caveats and provenance, refusing if someone
    else changed them since the form opened."""
    if not roles.is_editor(user):
        raise NotAllowed(_("Only an Editor can change an indicator's definition and source."))
    claimed = Indicator.objects.filter(pk=indicator.pk, version=base_version).update(
        version=models.F("version") + 1
    )
    if not claimed:
        raise EditConflict(
            _(
                "Someone else changed this indicator's definition or source while you were "
                "editing it. Their version is shown below; your changes are kept in the form. "
                "Check them and save again."
            ),
            current=Indicator.objects.get(pk=indicator.pk),
        )
    # Start from the row as it is now (with the version just claimed), so fields this form does
    # not show, such as those a plan reload writes, are saved as they are.
    indicator.refresh_from_db()
    for name in DEFINITION_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    indicator.full_clean(validate_unique=False, validate_constraints=False)
    indicator.save()
    return indicator
