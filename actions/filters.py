import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from actions.lineage_models import Outcome
from actions.models import (
    Action,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
)
from actions.status import ActionStatus, action_overdue_q
from core.content_choices import ContentChoiceField
from themes.selectors import themes_current

MAX_SEARCH_WORDS = 10
NOT_RECORDED = "not_recorded"


def _current_themes(request=None):
    # Theme numbers repeat across strategies: offer only the current strategy's.
    return themes_current()


def _validate_search(value: str) -> None:
    if len(value.split()) > MAX_SEARCH_WORDS:
        raise forms.ValidationError(
            _("Search for {limit} words or fewer.").format(limit=MAX_SEARCH_WORDS)
        )


def _period_choices() -> list[tuple[str, str]]:
    choices: dict[str, str] = {}
    for period in DeliveryPeriod.objects.order_by("starts_on", "slug"):
        choices.setdefault(period.slug, period.label)
    return list(choices.items())


class ContentChoiceFilter(django_filters.ModelChoiceFilter):
    """Options in English carry lang="en" on Welsh pages; names may sort in Welsh order."""

    field_class = ContentChoiceField


class ActionFilter(django_filters.FilterSet):
    """The one definition of "which actions": the list page, its downloads and the report."""

    plan = ContentChoiceFilter(
        label=_("Plan"),
        queryset=DeliveryPlan.objects.all(),
        content_field="title",
        to_field_name="slug",
        field_name="plan",
        empty_label=_("All plans"),
    )
    theme = ContentChoiceFilter(
        label=_("Theme"),
        queryset=_current_themes,
        content_field="title",
        to_field_name="number",
        field_name="theme",
        empty_label=_("All themes"),
    )
    # Periods are matched by slug across plans ("2024" may occur in more than one plan).
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        field_name="period__slug",
        choices=_period_choices,
        empty_label=_("All periods"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("All statuses")
    )
    owner = ContentChoiceFilter(
        label=_("Owner"),
        queryset=Organisation.objects.all(),
        content_field="name",
        by_name=True,
        to_field_name="slug",
        field_name="organisations",
        empty_label=_("All owners"),
    )
    # The dashboard's "overdue" count links here; the rule itself lives in actions.status.
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("yes", _("Only actions past their delivery period and not complete"))],
        empty_label=_("Overdue or not"),
        method="filter_overdue",
    )
    # An ended plan's outcomes; the counts on /plans/ link here.
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"),
        choices=[(NOT_RECORDED, _("Not recorded")), *Outcome.choices],
        empty_label=_("All outcomes"),
        method="filter_outcome",
    )
    q = django_filters.CharFilter(
        label=_("Search the text"),
        method="search",
        max_length=200,
        validators=[_validate_search],
    )

    class Meta:
        model = Action
        fields = ["plan", "theme", "period", "status", "owner", "overdue", "outcome", "q"]

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(action_overdue_q()) if value == "yes" else queryset

    def filter_outcome(self, queryset, name, value):
        # Only an ended plan's actions have outcomes, recorded or not.
        ended = queryset.filter(plan__ended=True)
        if value == NOT_RECORDED:
            return ended.filter(outcome__isnull=True)
        return ended.filter(outcome__outcome=value)

    def search(self, queryset, name, value):
        # Every word must appear in the action's text or one of its sub-points. A subquery per
        # word keeps the query free of joins, so it neither duplicates rows nor grows wide.
        for word in value.split():
            in_sub_points = ActionSubPoint.objects.filter(action=OuterRef("pk")).filter(
                Q(text_en__icontains=word) | Q(text_cy__icontains=word)
            )
            queryset = queryset.filter(
                Q(text_en__icontains=word)
                | Q(text_cy__icontains=word)
                | Q(description_en__icontains=word)
                | Q(description_cy__icontains=word)
                | Exists(in_sub_points)
            )
        return queryset

    def explained_errors(self) -> dict[str, list[str]]:
        """Each bad parameter with what was wrong and which values would be right."""
        explained: dict[str, list[str]] = {}
        for name, errors in self.errors.items():
            value = self.data.get(name, "")
            field = self.filters[name].field
            codes = {e.code for e in errors.as_data()}
            if "invalid_choice" in codes:
                allowed = self._allowed_values(name)
                explained[name] = [
                    _("“{value}” is not a choice for “{label}”. Use one of: {allowed}.").format(
                        value=value, label=field.label, allowed=", ".join(allowed)
                    )
                ]
            else:
                explained[name] = [str(message) for message in errors]
        return explained

    def _allowed_values(self, name: str) -> list[str]:
        field = self.form.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            values = {str(v) for v in field.queryset.values_list(field.to_field_name, flat=True)}
            # Numbers in numeric order (1, 2 ... 10), then names alphabetically.
            return sorted(
                values, key=lambda v: (not v.isdigit(), v.zfill(10) if v.isdigit() else v)
            )
        return [str(value) for value, _label in field.choices if value]
