"""Accounts made by single sign-on, and invitations from Administrators and Editors."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Identity(models.Model):
    """An account at an OpenID Connect provider, keyed by issuer and subject.

    For Microsoft Entra ID the subject is the tenant and object ids (`tid` and `oid`), which stay
    the same when a person's email address changes.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="identities",
        verbose_name=_("person"),
    )
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=500)
    email = models.EmailField(_("email address given by the provider"), blank=True)
    created_at = models.DateTimeField(_("first signed in"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last signed in"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sign-on identity")
        verbose_name_plural = _("sign-on identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_issuer_subject")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class Invitation(models.Model):
    """An invitation to join, with a role and an organisation; its link expires.

    Only a hash of the token is kept, so a copy of the database cannot be used to accept one.
    """

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=60)
    organisation = models.ForeignKey(
        "actions.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        verbose_name=_("accepted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The hash of the token the email last went out for: a send task delivered twice finds it
    # and sends nothing; a re-sent invitation has a new token, so its email goes (people/emails).
    emailed_hash = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["emailed_hash"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email
