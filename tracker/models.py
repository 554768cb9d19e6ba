"""What the tracker knows about each Welsh text: where it came from, and which English it
translated (issue 14's translation workflow, tracker/translations_io.py).

One row per translated text, keyed by the text's content key ("actions.action.12.text"), not
by a foreign key: the texts live in several apps' tables (themes, actions, measures,
reports), and only this floor, which sees them all, reads or writes their states. A text with
no row has no Welsh (missing) or Welsh of unknown origin, which counts as the tracker's own.
The English's hash at translation time is what makes a text "out of date" when its English
changes later.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def english_hash(text: str) -> str:
    """The English as the translator saw it, ignoring line-ending and outer-space changes."""
    normal = "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))
    return hashlib.sha256(normal.strip().encode()).hexdigest()


class TranslationSource(models.TextChoices):
    TRACKER = "tracker", _("The tracker's own translation")
    IMPORTED = "imported", _("Imported or reviewed")


class TranslationState(models.Model):
    key = models.CharField(_("content key"), max_length=120, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=TranslationSource.choices)
    english_sha256 = models.CharField(_("English translated (SHA-256)"), max_length=64)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")

    def __str__(self) -> str:
        return self.key
