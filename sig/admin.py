"""The group's records in Django's admin, for Administrators.

The staff pages and their services are where meetings are opened, minutes approved and
decisions closed (sig/services.py), so none of those steps can be taken here: what a service
sets is read-only, nothing is deleted, and a frozen pack or an email receipt is only read.
What is left to correct here (a decision's wording or Welsh, a meeting's agenda, a risk) is
kept in each record's history. Each save moves the row's version on, so a staff form opened
before it is refused rather than writing over it (EditConflict in the services).
"""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from sig.forms import _members
from sig.models import Decision, DecisionNotice, Meeting, MeetingPack, Risk


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody changes: viewable, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceFieldsAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """A record whose steps belong to the services: those fields are read-only here, and a
    save keeps what the database holds for them (read under a lock, as the services lock),
    so a page opened before a step was taken cannot undo it. Never deleted here."""

    service_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.service_fields)

    def has_delete_permission(self, request, obj=None):
        return False

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if change:
            current = type(obj).objects.select_for_update().filter(pk=obj.pk)
            for name, value in current.values(*self._column_names()).get().items():
                setattr(obj, name, value)
            obj.version += 1
        super().save_model(request, obj, form, change)

    def _column_names(self) -> list[str]:
        names = []
        for name in self.service_fields:
            field = self.model._meta.get_field(name)
            if field.concrete and not field.many_to_many:
                names.append(field.attname)
        return names


@admin.register(Meeting)
class MeetingAdmin(ServiceFieldsAdmin):
    list_display = ("__str__", "chair", "opened_at", "minutes_approved_at", "minutes_published_at")
    list_filter = (
        ("opened_at", admin.EmptyFieldListFilter),
        ("minutes_approved_at", admin.EmptyFieldListFilter),
        ("minutes_published_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("attendees", "agenda_en", "agenda_cy", "minutes_en", "minutes_cy")
    list_select_related = ("chair",)
    date_hierarchy = "held_on"
    # Opening, approving and publishing are the services' steps; the chair approves.
    service_fields = (
        "opened_at",
        "opened_by",
        "changes_since",
        "minutes_approved_at",
        "minutes_approved_by",
        "minutes_published_at",
        "version",
        "created_by",
        "created_at",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_open:
            # The pack was frozen with this date and chair.
            fields += ["held_on", "chair"]
        if obj is not None and obj.minutes_approved:
            # Approved minutes no longer change (sig.services.minutes_save).
            fields += ["minutes_en", "minutes_cy"]
        return fields

    def has_add_permission(self, request):
        # A meeting is added on the staff page, which records who added it.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "chair":
            # The chair is a member of the group (sig.services.meeting_create).
            kwargs["queryset"] = _members()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MeetingPack)
class MeetingPackAdmin(ReadOnlyAdmin):
    """Frozen when the meeting opened: never changed, here or anywhere."""

    list_display = ("meeting", "language", "status", "frozen_at", "pdf_sha256")
    list_filter = ("language", "status")
    list_select_related = ("meeting",)
    search_fields = ("html_sha256", "pdf_sha256")
    exclude = ("html",)


@admin.register(Decision)
class DecisionAdmin(ServiceFieldsAdmin):
    list_display = ("__str__", "meeting", "organisation", "due_on", "state", "is_public")
    list_filter = ("state", "is_public", "organisation", "themes")
    search_fields = ("wording_en", "wording_cy", "drop_reason")
    list_select_related = ("meeting", "organisation")
    date_hierarchy = "due_on"
    filter_horizontal = ("actions", "themes", "indicators")
    # Done and dropped are the services' steps (with who and when, and a reason to drop);
    # the meeting, the organisation told and whether it is public are fixed when recorded.
    service_fields = (
        "meeting",
        "organisation",
        "is_public",
        "state",
        "drop_reason",
        "closed_at",
        "closed_by",
        "version",
        "created_by",
        "created_at",
    )

    def has_add_permission(self, request):
        # Recorded at an open meeting, which emails the organisation (sig.services).
        return False


@admin.register(DecisionNotice)
class DecisionNoticeAdmin(ReadOnlyAdmin):
    """The receipt of each email sent about a decision: a log, only read."""

    list_display = ("decision", "event", "recipient", "sent_at")
    list_filter = ("event",)
    search_fields = ("recipient",)
    list_select_related = ("decision",)


@admin.register(Risk)
class RiskAdmin(ServiceFieldsAdmin):
    list_display = ("__str__", "owner", "likelihood", "impact", "score", "review_on")
    list_filter = ("owner", "likelihood", "impact", "themes")
    search_fields = ("description_en", "description_cy", "mitigations_en", "mitigations_cy")
    list_select_related = ("owner",)
    date_hierarchy = "review_on"
    filter_horizontal = ("actions", "themes")
    service_fields = ("version",)

    @admin.display(description=_("Score"))
    def score(self, obj: Risk) -> int:
        return obj.score
