import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ActionStatus, DeliveryPeriod, DeliveryPlan, Organisation
from themes.models import Theme


def _period_choices() -> list[tuple[str, str]]:
    choices: dict[str, str] = {}
    for period in DeliveryPeriod.objects.order_by("starts_on", "slug"):
        choices.setdefault(period.slug, period.label)
    return list(choices.items())


class ActionFilter(django_filters.FilterSet):
    """The one definition of "which actions": the list page, its downloads and the report."""

    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        queryset=DeliveryPlan.objects.all(),
        to_field_name="slug",
        field_name="plan",
        empty_label=_("All plans"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
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
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        field_name="organisations",
        empty_label=_("All owners"),
    )
    q = django_filters.CharFilter(label=_("Search the text"), method="search", max_length=200)

    class Meta:
        model = Action
        fields = ["plan", "theme", "period", "status", "owner", "q"]

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(text_en__icontains=word)
                | Q(text_cy__icontains=word)
                | Q(sub_points__text_en__icontains=word)
                | Q(sub_points__text_cy__icontains=word)
            )
        return queryset.distinct() if words else queryset

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
                    _("“{value}” is not a valid {label}. Use one of: {allowed}.").format(
                        value=value, label=str(field.label).lower(), allowed=", ".join(allowed)
                    )
                ]
            else:
                explained[name] = [str(message) for message in errors]
        return explained

    def _allowed_values(self, name: str) -> list[str]:
        filter_ = self.filters[name]
        if isinstance(filter_, django_filters.ModelChoiceFilter):
            key = filter_.extra["to_field_name"]
            values = {str(v) for v in filter_.queryset.values_list(key, flat=True)}
            return sorted(
                values, key=lambda v: (not v.isdigit(), v.zfill(10) if v.isdigit() else v)
            )
        return [str(value) for value, _label in filter_.extra["choices"]]
