"""Accounts in the admin: with their history, and never deleted once they have acted."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.models import EmailPreference, Notice

User = get_user_model()


def has_acted(user) -> bool:
    """Whether anything in the records names this person: a change in any history table or in
    the admin's log. Such a person is deactivated, never deleted, so the record keeps who."""
    if LogEntry.objects.filter(user=user).exists():
        return True
    history_tables = [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "history_user")
    ]
    return any(model.objects.filter(history_user=user).exists() for model in history_tables)


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(SimpleHistoryAdmin, UserAdmin):
    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and has_acted(obj):
            return False  # untick "Active" instead
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk delete would bypass the check above, one account at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(EmailPreference)
class EmailPreferenceAdmin(SimpleHistoryAdmin):
    list_display = ("user", "frequency", "language", "updated_at")
    list_filter = ("frequency", "language")
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """What was sent to whom, for answering "did I get that email?". Written by the tracker only."""

    list_display = ("key", "recipient", "delivery", "created_at", "sent_at")
    list_filter = ("delivery",)
    search_fields = ("key", "recipient__username", "recipient__email")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
