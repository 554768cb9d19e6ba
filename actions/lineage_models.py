"""What joins plans to one another: links between their actions, and an ended plan's outcomes.

Imported by ``actions.models``, so Django finds them there; kept apart to keep that file to
what an action holds.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import bounded


class LinkRelation(models.TextChoices):
    CONTINUES = "continues", _("continues")
    REPLACES = "replaces", _("replaces")
    RELATED = "related", _("related to")


class LinkState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    # Kept, not deleted: reloading the proposals must not bring back a link an Editor removed.
    REMOVED = "removed", _("Removed")


class ActionLinkQuerySet(models.QuerySet):
    def shown(self) -> "ActionLinkQuerySet":
        """The links the public sees: proposed and confirmed, each with its state."""
        return self.exclude(state=LinkState.REMOVED)


class ActionLink(models.Model):
    """``action`` continues, replaces or is related to ``target``, an action of another plan.

    The later action is ``action`` ("action 4 of 2024–27 continues commitment 2 of 2022–23").
    """

    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        related_name="links_out",
        verbose_name=_("action"),
    )
    relation = models.CharField(_("relation"), max_length=20, choices=LinkRelation.choices)
    target = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        related_name="links_in",
        verbose_name=_("action of the other plan"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=LinkState.choices, default=LinkState.PROPOSED
    )
    reason = models.CharField(
        _("reason"), max_length=300, help_text=_("One line: what the two texts share.")
    )

    objects = ActionLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")
        ordering = ["action__plan", "action__number", "target__plan", "target__number"]
        constraints = [
            models.UniqueConstraint(fields=["action", "target"], name="one_link_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.get_relation_display()} {self.target}"

    def clean(self) -> None:
        if self.action_id and self.target_id and self.action.plan_id == self.target.plan_id:
            raise ValidationError(
                {"target": _("Link actions of two different plans; these are in the same plan.")}
            )


class Outcome(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    CONTINUED = "continued", _("Continued in a later plan")
    CLOSED = "closed", _("Closed")


class ActionOutcome(models.Model):
    """How an action of an ended plan finished. No row: "Not recorded"."""

    action = models.OneToOneField(
        "actions.Action",
        on_delete=models.CASCADE,
        related_name="outcome",
        verbose_name=_("action"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Needed when the action is closed."), **bounded()
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="outcomes_recorded",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.action}: {self.get_outcome_display()}"

    def clean(self) -> None:
        if self.outcome == Outcome.CLOSED and not self.reason.strip():
            raise ValidationError({"reason": _("Say why the action was closed.")})
        if self.action_id and not self.action.plan.ended:
            raise ValidationError(
                {
                    "outcome": _(
                        "Only an ended plan's actions get an outcome; this plan is in force."
                    )
                }
            )
