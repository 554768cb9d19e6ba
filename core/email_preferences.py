"""Each person's email choice: how often (straight away, weekly, never) and in which language.

One home for the rule every email follows (reminders, update emails, decisions): no choice
recorded means each email straight away, in Welsh and English, Welsh first.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import NotAllowed
from core.models import EmailLanguage, EmailPreference, Frequency

# Bilingual emails put Welsh first, as Social Care Wales' own bilingual letters do.
BILINGUAL = ("cy", "en")


@dataclass(frozen=True)
class Choice:
    frequency: str
    language: str  # "" for both

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages each email is written in, in order."""
        return (self.language,) if self.language else BILINGUAL


DEFAULT = Choice(frequency=Frequency.IMMEDIATE, language=EmailLanguage.BOTH)


def email_choice(user) -> Choice:
    """The person's choice, or the default when they have made none."""
    preference = EmailPreference.objects.filter(user_id=user.pk).first()
    if preference is None:
        return DEFAULT
    return Choice(frequency=preference.frequency, language=preference.language)


def email_choices(users) -> dict[int, Choice]:
    """Every listed person's choice in one query, keyed by user id."""
    ids = [user.pk for user in users]
    found = {
        row.user_id: Choice(frequency=row.frequency, language=row.language)
        for row in EmailPreference.objects.filter(user_id__in=ids)
    }
    return {pk: found.get(pk, DEFAULT) for pk in ids}


@transaction.atomic
def email_preference_set(*, user, actor, frequency: str, language: str) -> EmailPreference:
    """Record a person's choice. Each person sets only their own."""
    if not actor.is_authenticated or actor.pk != user.pk:
        raise NotAllowed(_("You can only change your own email settings."))
    preference = EmailPreference.objects.select_for_update().filter(user=user).first()
    if preference is None:
        preference = EmailPreference(user=user)
    preference.frequency = frequency
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference
