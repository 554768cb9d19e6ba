"""The read API at /api/v1/: thin views over the apps' own selectors and rules.

Which rows are public is decided where each rule lives: approved updates
(`ProgressUpdate.objects.approved()`), published reports (`published_at`), published decisions
(`sig.selectors.decisions_published`). The actions' filters are the pages' own `ActionFilter`.
"""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from actions.filters import ActionFilter
from actions.models import APPROVED_ORDER, DeliveryPlan, ProgressReview, ProgressUpdate
from actions.open_data import action_lineage_records
from actions.selectors import action_details, open_data_sources, plans_latest_first
from api import serializers
from api.base import PublicReadViewSet
from measures.models import Indicator, IndicatorBreakdown, Observation
from measures.selectors import indicator_details
from reports.models import AnnualReport, ReportRun
from sig import selectors as sig_selectors
from themes.models import Strategy, Theme
from themes.selectors import LATEST_FIRST, themes_current

_ACTION_SOURCES = (*open_data_sources(), ProgressUpdate, ProgressReview)
_INDICATOR_SOURCES = (Indicator, IndicatorBreakdown, Observation, Theme)


class PlanViewSet(PublicReadViewSet):
    """Delivery plans with their periods, latest first."""

    serializer_class = serializers.PlanSerializer
    lookup_field = "slug"
    sources = open_data_sources()

    def get_queryset(self):
        return plans_latest_first().select_related("strategy").prefetch_related("periods")


class ThemeViewSet(PublicReadViewSet):
    """The current strategy's themes, by number (as on the theme pages)."""

    serializer_class = serializers.ThemeSerializer
    lookup_field = "number"
    lookup_value_converter = "int"
    sources = (Theme, Strategy)

    def get_queryset(self):
        current = Strategy.objects.order_by(*LATEST_FIRST)[:1]
        return Theme.objects.filter(strategy__in=current).select_related("strategy")


def _public_actions():
    approved = (
        ProgressUpdate.objects.approved()
        .select_related("review")
        .order_by(*APPROVED_ORDER)
        .reverse()
    )
    return action_details().prefetch_related(
        Prefetch("updates", queryset=approved, to_attr="approved_updates")
    )


class ActionViewSet(PublicReadViewSet):
    """Actions of every plan (unless `plan=` names one), with owners, status, target date,
    approved progress (newest first) and lineage. Filters as on the actions page."""

    serializer_class = serializers.ActionSerializer
    filterset_class = ActionFilter
    sources = _ACTION_SOURCES

    def get_queryset(self):
        return _public_actions().order_by("plan__start_year", "plan__slug", "number")

    def get_object(self):
        return get_object_or_404(
            _public_actions(), plan__slug=self.kwargs["plan"], number=self.kwargs["number"]
        )

    def get_serializer(self, *args, **kwargs):
        rows = args[0] if args else []
        many = kwargs.get("many", False)
        ids = [action.pk for action in rows] if many else [rows.pk] if rows else []
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["lineage"] = action_lineage_records(ids)
        return super().get_serializer(*args, **kwargs)


class IndicatorFilter(django_filters.FilterSet):
    """The plan and theme, named as the pages and exports name them (all plans unless plan=)."""

    plan = django_filters.ModelChoiceFilter(
        queryset=DeliveryPlan.objects.all(), to_field_name="slug", field_name="plan"
    )
    theme = django_filters.ModelChoiceFilter(
        queryset=lambda request=None: themes_current(), to_field_name="number", field_name="theme"
    )

    class Meta:
        model = Indicator
        fields = ["plan", "theme"]


class IndicatorViewSet(PublicReadViewSet):
    """Indicators of every plan, with breakdowns, baselines and observations (each with its
    provisional flag and source) and where the figures come from."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilter
    sources = _INDICATOR_SOURCES + open_data_sources()

    def get_queryset(self):
        return indicator_details().order_by("plan__start_year", "theme__number", "position")

    def get_object(self):
        theme, _dot, position = self.kwargs["code"].partition(".")
        if not (theme.isdigit() and position.isdigit() and len(self.kwargs["code"]) < 12):
            theme, position = "0", "0"
        return get_object_or_404(
            self.get_queryset(),
            plan__slug=self.kwargs["plan"],
            theme__number=int(theme),
            position=int(position),
        )


class ReportViewSet(PublicReadViewSet):
    """Published editions of the annual progress report, with their files and SHA-256."""

    serializer_class = serializers.ReportSerializer
    sources = (ReportRun, AnnualReport)

    def get_queryset(self):
        return (
            ReportRun.objects.filter(published_at__isnull=False)
            .select_related("report", "report__plan")
            .order_by("-published_at", "-pk")
        )


class DecisionViewSet(PublicReadViewSet):
    """The strategic implementation group's published decisions, latest meeting first."""

    serializer_class = serializers.DecisionSerializer
    sources = sig_selectors.open_data_sources()

    def get_queryset(self):
        return sig_selectors.decisions_published().prefetch_related("indicators__theme")


# The language parameter every operation takes (Accept-Language is read when it is absent).
LANG = OpenApiParameter(
    "lang",
    str,
    enum=["en", "cy"],
    description="The language of texts: en or cy. Without it, the Accept-Language header.",
)
for viewset in (
    PlanViewSet,
    ThemeViewSet,
    ActionViewSet,
    IndicatorViewSet,
    ReportViewSet,
    DecisionViewSet,
):
    extend_schema_view(
        list=extend_schema(parameters=[LANG]), retrieve=extend_schema(parameters=[LANG])
    )(viewset)
