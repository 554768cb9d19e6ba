from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from actions.models import (
    Action,
    ActionLink,
    ActionOutcome,
    ActionOwner,
    ActionSubPoint,
    MeasurementLine,
    OrganisationMembership,
    ProgressReview,
    ProgressUpdate,
    ReminderSent,
)
from actions.plan_models import (
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
    PlanStatement,
    PlanTheme,
)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "abbreviation", "slug")
    search_fields = ("name_en", "name_cy", "abbreviation_en", "abbreviation_cy", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class DeliveryPeriodInline(TranslationTabularInline):
    model = DeliveryPeriod
    extra = 0


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("title", "slug", "start_year", "end_year", "first_published")
    list_filter = ("strategy",)
    search_fields = ("title_en", "title_cy", "slug")
    inlines = [DeliveryPeriodInline]
    # Django 6 behaviour now: a web address typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ActionSubPointInline(TranslationTabularInline):
    model = ActionSubPoint
    extra = 0


class ActionOwnerInline(admin.TabularInline):
    model = ActionOwner
    extra = 0
    autocomplete_fields = ("organisation",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the sub-points of the action being edited can be chosen.
        if db_field.name == "sub_point":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = ActionSubPoint.objects.filter(action_id=object_id or None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("number", "short_text", "plan", "theme", "period", "status", "target_date")
    list_display_links = ("number", "short_text")
    list_filter = ("plan", "theme", "period", "status", "organisations")
    search_fields = ("text_en", "text_cy", "sub_points__text_en", "sub_points__text_cy")
    list_select_related = ("plan", "theme", "period")
    ordering = ("plan", "number")
    inlines = [ActionSubPointInline, ActionOwnerInline]
    # Status and target date come only from approved progress updates (actions.services),
    # so the site, the open data and the report agree; the version guards against
    # conflicting edits. None of them is typed in here.
    readonly_fields = DERIVED_FIELDS = ("status", "target_date", "version")

    def save_model(self, request, obj, form, change):
        # Readonly keeps them out of the form, but the admin saves every column of the row:
        # an "undo" from the history page would put back an old status, and a form opened
        # before an approval would write the old one again. Keep what the database holds
        # (locked, as update approval locks it).
        if change:
            current = Action.objects.select_for_update().filter(pk=obj.pk)
            for name, value in current.values(*self.DERIVED_FIELDS).get().items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    @admin.display(description=Action._meta.get_field("text").verbose_name)
    def short_text(self, obj: Action) -> str:
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"


@admin.register(MeasurementLine)
class MeasurementLineAdmin(TranslationAdmin):
    list_display = ("theme", "position", "text", "plan")
    list_filter = ("plan", "theme")
    search_fields = ("text_en", "text_cy")
    list_select_related = ("plan", "theme")
    ordering = ("plan", "theme__number", "position")


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation")
    list_filter = ("organisation",)
    search_fields = ("user__username", "user__email", "organisation__name_en")
    autocomplete_fields = ("user", "organisation")


@admin.register(DeliveryPeriod)
class DeliveryPeriodAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("label", "plan", "slug", "starts_on", "ends_on")
    list_filter = ("plan",)
    search_fields = ("label_en", "label_cy", "slug")
    list_select_related = ("plan",)


@admin.register(ActionSubPoint)
class ActionSubPointAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("action", "position", "text")
    list_filter = ("action__plan",)
    search_fields = ("text_en", "text_cy")
    list_select_related = ("action",)
    autocomplete_fields = ("action",)


@admin.register(ActionOwner)
class ActionOwnerAdmin(SimpleHistoryAdmin):
    list_display = ("action", "organisation", "role", "named_in_text")
    list_filter = ("role", "named_in_text", "organisation", "action__plan")
    search_fields = ("organisation__name_en", "action__text_en")
    list_select_related = ("action", "organisation")
    autocomplete_fields = ("action", "organisation")


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Append-only records: viewable with their history, never changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ("action", "quarter", "status", "submitted_by", "submitted_at")
    list_filter = ("status", "quarter", "action__plan", "action__theme")
    search_fields = ("summary_en", "summary_cy", "internal_note", "action__text_en")
    list_select_related = ("action", "submitted_by")
    date_hierarchy = "submitted_at"


@admin.register(ProgressReview)
class ProgressReviewAdmin(ReadOnlyAdmin):
    list_display = ("update", "decision", "reviewed_by", "reviewed_at")
    list_filter = ("decision",)
    search_fields = ("comment", "update__action__text_en")
    list_select_related = ("update", "update__action", "reviewed_by")


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ("action", "quarter", "recipients", "sent_at")
    list_filter = ("quarter",)
    search_fields = ("recipients",)
    list_select_related = ("action",)


# The other plans' own wording (issue 15): Welsh is entered here, the English comes from the
# plan document. Links and outcomes are changed on the staff screens, through the services.
@admin.register(PlanTheme)
class PlanThemeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("heading", "plan", "theme", "position")
    list_filter = ("plan",)
    list_select_related = ("plan", "theme")


@admin.register(PlanStatement)
class PlanStatementAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("text", "kind", "plan", "plan_theme", "position")
    list_filter = ("plan", "kind")
    search_fields = ("text_en", "text_cy")
    list_select_related = ("plan", "plan_theme")


@admin.register(ActionLink)
class ActionLinkAdmin(ReadOnlyAdmin):
    list_display = ("action", "relation", "target", "state")
    list_filter = ("state", "relation")
    list_select_related = ("action__plan", "target__plan")


@admin.register(ActionOutcome)
class ActionOutcomeAdmin(ReadOnlyAdmin):
    list_display = ("action", "outcome", "recorded_by", "recorded_at")
    list_filter = ("outcome",)
    list_select_related = ("action__plan", "recorded_by")
