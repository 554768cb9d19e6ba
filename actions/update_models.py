"""Progress updates and their reviews: what owners report and Editors decide.

Kept apart from actions/models.py to keep each file short; actions/models.py re-exports them,
so Django and callers find them there.
"""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from actions.quarters import QUARTER_FORMAT_HELP, parse_quarter
from actions.status import ActionStatus, status_needs_reason
from core.limits import bounded

if TYPE_CHECKING:  # actions/models.py imports this module, so only for type hints
    from actions.models import Action

UPDATE_STATUSES = [c for c in ActionStatus.choices if c[0] != ActionStatus.NO_UPDATE]


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# The order an action's approved updates count in: by the quarter they cover, then as they
# came. derived_state reads them oldest first in this order, so the latest quarter's update
# decides even when an update for an older quarter is approved after it.
APPROVED_ORDER = ("quarter", "submitted_at", "pk")


def approved_order_key(update: "ProgressUpdate") -> tuple:
    """APPROVED_ORDER for updates already in memory (``sorted(updates, key=...)``)."""
    return (update.quarter, update.submitted_at, update.pk)


class ProgressUpdateQuerySet(models.QuerySet):
    def approved(self) -> "ProgressUpdateQuerySet":
        return self.filter(review__decision=ReviewDecision.APPROVE)

    def approved_in_order(self) -> "ProgressUpdateQuerySet":
        """The approved updates in the order derived_state needs them."""
        return self.approved().order_by(*APPROVED_ORDER)


# A target date outside the strategy's span, give or take, is a typing mistake ("1 1 0001").
TARGET_DATES_FROM = datetime.date(2015, 1, 1)
TARGET_DATES_TO = datetime.date(2040, 12, 31)


# The fields a person gives for an update, in the order the form shows them.
# The public texts come in pairs, English then Welsh (actions/translation.py).
UPDATE_FIELDS = (
    "status",
    "status_reason_en",
    "status_reason_cy",
    "summary_en",
    "summary_cy",
    "next_steps_en",
    "next_steps_cy",
    "internal_note",
    "evidence_links",
    "quarter",
    "revised_target_date",
    "date_change_reason_en",
    "date_change_reason_cy",
    "reports_for",
)
# The public texts with a Welsh twin, shown side by side in the form.
UPDATE_TWINS = ("status_reason", "summary", "next_steps", "date_change_reason")


class ProgressUpdate(models.Model):
    """One report of where an action stands. Never changed once saved: history is append-only.

    Its review state comes from its ProgressReview, if any.
    """

    action = models.ForeignKey(
        "actions.Action", on_delete=models.PROTECT, related_name="updates", verbose_name=_("action")
    )
    status = models.CharField(_("status"), max_length=20, choices=UPDATE_STATUSES)
    status_reason = models.TextField(
        _("reason for the status"),
        blank=True,
        help_text=_(
            "Needed when the status gets worse, when a first update reports delays, or when "
            "the action is closed or superseded."
        ),
        **bounded(),
    )
    summary = models.TextField(
        _("summary of progress"),
        help_text=_("Published on the action's page once approved."),
        **bounded(),
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("Seen by staff and the strategic implementation group only."),
        **bounded(),
    )
    next_steps = models.TextField(_("next steps"), blank=True, **bounded())
    evidence_links = models.TextField(
        _("evidence links"), blank=True, help_text=_("One web address per line."), **bounded()
    )
    quarter = models.CharField(
        _("reporting period"), max_length=7, help_text=_("The quarter this update covers.")
    )
    revised_target_date = models.DateField(_("revised target date"), null=True, blank=True)
    date_change_reason = models.TextField(
        _("reason for the new date"),
        blank=True,
        help_text=_("Needed when the target date moves later."),
        **bounded(),
    )
    resubmission_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resubmission",
        verbose_name=_("resubmission of"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="progress_updates",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    # For an action led jointly: whose part of it this update reports (empty: the whole action).
    # The action's status still follows the one status rule over all its approved updates.
    reports_for = models.ForeignKey(
        "actions.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("which organisation's part this reports"),
        help_text=_(
            "For an action led jointly. Leave empty if the update covers the whole action."
        ),
    )

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["action", "submitted_at"])]

    def __str__(self) -> str:
        return _("Update on action {number}, {quarter}").format(
            number=self.action.number, quarter=self.quarter
        )

    def get_absolute_url(self) -> str:
        return reverse("staff:update-detail", kwargs={"pk": self.pk})

    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

    def given(self, name: str) -> bool:
        """Whether a text is written in either language (its Welsh twin counts as much)."""
        return any(
            (getattr(self, f"{name}_{language}", None) or "").strip() for language in ("en", "cy")
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            parse_quarter(self.quarter)
        except ValueError:
            errors.setdefault("quarter", []).append(
                _("Enter the reporting period as {format}.").format(format=QUARTER_FORMAT_HELP)
            )
        validate_url = URLValidator(schemes=["http", "https"])
        for line in self.evidence_list():
            try:
                validate_url(line)
            except ValidationError:
                errors.setdefault("evidence_links", []).append(
                    _("“{link}” is not a web address. Start each line with https://").format(
                        link=line
                    )
                )
        if self.action_id:
            current = self.action.status
            if status_needs_reason(current, self.status) and not self.given("status_reason"):
                errors.setdefault("status_reason_en", []).append(self._missing_reason(current))
            target = self.action.target_date
            # clean() runs even when clean_fields() refused the date, so it may still be text.
            revised = self.revised_target_date
            if isinstance(revised, datetime.date) and not (
                TARGET_DATES_FROM <= revised <= TARGET_DATES_TO
            ):
                errors.setdefault("revised_target_date", []).append(
                    _("Enter a target date between {first} and {last}.").format(
                        first=formats.date_format(TARGET_DATES_FROM, "j F Y"),
                        last=formats.date_format(TARGET_DATES_TO, "j F Y"),
                    )
                )
            slipped = isinstance(revised, datetime.date) and target and revised > target
            if slipped and not self.given("date_change_reason"):
                errors.setdefault("date_change_reason_en", []).append(
                    _("Say why the target date moves from {old} to {new}.").format(
                        old=formats.date_format(target, "j F Y"),
                        new=formats.date_format(self.revised_target_date, "j F Y"),
                    )
                )
        if errors:
            raise ValidationError(errors)

    def _missing_reason(self, current: str) -> str:
        if self.status == ActionStatus.CLOSED:
            return _("Say why the action is closed or what superseded it.")
        if current == ActionStatus.NO_UPDATE:
            return _(
                "Say why the action has “{status}”: the strategic implementation group will "
                "read it."
            ).format(status=ActionStatus(self.status).label)
        return _(
            "Say why the status is now worse than “{current}”: the strategic "
            "implementation group will read it."
        ).format(current=ActionStatus(current).label)


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return to the owner")


class ProgressReview(models.Model):
    """An Editor's decision on one update. One decision per update, never changed."""

    update = models.OneToOneField(
        ProgressUpdate, on_delete=models.PROTECT, related_name="review", verbose_name=_("update")
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment for the owner"), blank=True, **bounded())
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="progress_reviews",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.update} – {self.get_decision_display()}"

    def clean(self) -> None:
        if self.decision == ReviewDecision.RETURN and not self.comment.strip():
            raise ValidationError(
                {"comment": _("Tell the owner what to change before you return the update.")}
            )


def derived_state(action: "Action", approved: list[ProgressUpdate]) -> tuple[str, datetime.date]:
    """An action's status and target date from its approved updates, oldest first in
    APPROVED_ORDER (``ProgressUpdate.objects.approved_in_order()``, or ``approved_order_key``).

    The one rule, used for the live action, the dashboard's "before" and the report's
    as-at snapshot: the latest approved update gives the status; the latest revised date
    gives the target, which otherwise is the end of the action's period.
    """
    status = approved[-1].status if approved else ActionStatus.NO_UPDATE
    if not approved:
        return status, _period_end(action)
    return status, approved[-1].revised_target_date or target_dates_before(action, approved)[-1]


def _period_end(action: "Action") -> datetime.date | None:
    # A plan without delivery periods gives no target date until an update sets one.
    return action.period.ends_on if action.period_id else None


def target_dates_before(action: "Action", approved: list[ProgressUpdate]) -> list[datetime.date]:
    """The target date in force when each approved update (oldest first) came, in the same
    order, so a page can say "moved from 31 December 2024 to 30 June 2025"."""
    before = []
    target = _period_end(action)
    for update in approved:
        before.append(target)
        target = update.revised_target_date or target
    return before
