"""Invitations in the admin: to read, with their history. They are made, withdrawn and sent
again on the People pages (people/services.py), which keep only the token's hash and email it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ("email", "role", "organisation", "invited_by", "created_at", "expires_at")
    list_filter = ("role", "organisation")
    search_fields = ("email",)
    list_select_related = ("organisation", "invited_by")
    readonly_fields = (
        "email",
        "role",
        "organisation",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "withdrawn_at",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
