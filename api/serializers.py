"""What the API shows of each record: public fields only, texts in the request's language.

Texts are read through django-modeltranslation, so `?lang=cy` gives the Welsh where there is
some and the English where there is none yet. Approved progress only; no internal notes, no
drafts, no people.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Action, ActionOwner, DeliveryPeriod, DeliveryPlan, ProgressUpdate
from actions.status import ActionStatus
from measures.models import Indicator, IndicatorBreakdown, Observation
from reports.models import ReportRun
from sig.models import Decision
from themes.models import Theme

_DATETIME = serializers.DateTimeField()


def _iso(day) -> str | None:
    return day.isoformat() if day else None


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveryPeriod
        fields = ["slug", "label", "starts_on", "ends_on"]


class PlanSerializer(serializers.ModelSerializer):
    periods = PeriodSerializer(many=True, read_only=True)
    strategy = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = DeliveryPlan
        fields = [
            "slug",
            "title",
            "short_title",
            "summary",
            "strategy",
            "start_year",
            "end_year",
            "first_published",
            "last_updated",
            "source_url",
            "ended",
            "item_name",
            "numbered_by_tracker",
            "welsh_translation_status",
            "periods",
            "url",
        ]


class ThemeSerializer(serializers.ModelSerializer):
    strategy = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Theme
        fields = [
            "number",
            "title",
            "ambition",
            "progress_intro",
            "indicators_pending_reason",
            "strategy",
            "url",
        ]


class OwnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ActionOwner
        fields = ["organisation", "name", "role", "named_in_text"]


class ProgressSerializer(serializers.ModelSerializer):
    """An approved update, as the action's page shows it: never the internal note."""

    approved_on = serializers.DateTimeField(source="review.reviewed_at", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "quarter",
            "status",
            "status_label",
            "summary",
            "next_steps",
            "status_reason",
            "revised_target_date",
            "date_change_reason",
            "approved_on",
        ]


class LineageSerializer(serializers.Serializer):
    relation = serializers.ChoiceField(
        choices=["continues", "continued_by", "replaces", "replaced_by", "related"]
    )
    state = serializers.ChoiceField(choices=["proposed", "confirmed"])
    plan = serializers.CharField()
    number = serializers.IntegerField()


class ActionSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.IntegerField(source="theme.number", read_only=True)
    period = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    period_label = serializers.CharField(source="period.label", read_only=True, allow_null=True)
    sub_points = serializers.SerializerMethodField()
    owners = OwnerSerializer(many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.SerializerMethodField()
    lineage = serializers.SerializerMethodField()
    outcome = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Action
        fields = [
            "plan",
            "number",
            "theme",
            "period",
            "period_label",
            "text",
            "description",
            "sub_points",
            "owners",
            "status",
            "status_label",
            "target_date",
            "progress",
            "lineage",
            "outcome",
            "url",
        ]

    def get_sub_points(self, action: Action) -> list[str]:
        return [point.text for point in action.sub_points.all()]

    @extend_schema_field(ProgressSerializer(many=True))
    def get_progress(self, action: Action) -> list[dict]:
        # ProgressSerializer's fields, built directly: an action can have dozens of approved
        # updates, and a nested serializer per update was most of the list's time. The schema
        # still comes from ProgressSerializer, and the contract test holds the two together.
        labels = dict(ActionStatus.choices)
        return [
            {
                "quarter": u.quarter,
                "status": u.status,
                "status_label": str(labels[u.status]),
                "summary": u.summary,
                "next_steps": u.next_steps,
                "status_reason": u.status_reason,
                "revised_target_date": _iso(u.revised_target_date),
                "date_change_reason": u.date_change_reason,
                "approved_on": _DATETIME.to_representation(u.review.reviewed_at),
            }
            for u in action.approved_updates
        ]

    @extend_schema_field(LineageSerializer(many=True))
    def get_lineage(self, action: Action) -> list[dict]:
        return self.context["lineage"].get(action.pk, [])

    @extend_schema_field(
        serializers.ChoiceField(
            choices=["not_recorded", "complete", "continued", "closed"], allow_null=True
        )
    )
    def get_outcome(self, action: Action) -> str | None:
        if not action.plan.ended:
            return None
        outcome = getattr(action, "outcome", None)
        return outcome.outcome if outcome else "not_recorded"


class ObservationSerializer(serializers.ModelSerializer):
    provisional = serializers.SerializerMethodField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = Observation
        fields = [
            "period",
            "period_end",
            "breakdown",
            "breakdown_label",
            "value",
            "source",
            "notes",
            "status",
            "provisional",
            "release_date",
        ]

    def get_provisional(self, observation: Observation) -> bool:
        return observation.status == "provisional"


class BreakdownSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorBreakdown
        fields = ["code", "label", "direction"]


class IndicatorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.IntegerField(source="theme.number", read_only=True)
    tolerance = serializers.DecimalField(
        max_digits=8, decimal_places=2, coerce_to_string=False, allow_null=True, read_only=True
    )
    breakdowns = BreakdownSerializer(many=True, read_only=True)
    baselines = serializers.SerializerMethodField()
    observations = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "plan",
            "theme",
            "statement",
            "direction",
            "unit",
            "tolerance",
            "baseline_status",
            "baseline_text",
            "breakdowns",
            "baselines",
            "observations",
            "source_publication",
            "source_url",
            "producer",
            "frequency",
            "next_release",
            "definition",
            "method",
            "caveats",
            "url",
        ]

    @extend_schema_field(ObservationSerializer(many=True))
    def get_baselines(self, indicator: Indicator) -> list[dict]:
        rows = [o for o in indicator.observations.all() if o.is_baseline]
        return ObservationSerializer(rows, many=True).data

    @extend_schema_field(ObservationSerializer(many=True))
    def get_observations(self, indicator: Indicator) -> list[dict]:
        rows = [o for o in indicator.observations.all() if not o.is_baseline]
        return ObservationSerializer(rows, many=True).data


class ReportFileSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["pdf", "html"])
    url = serializers.CharField()
    bytes = serializers.IntegerField(allow_null=True)
    sha256 = serializers.CharField()


class ReportSerializer(serializers.ModelSerializer):
    """A published edition only: the service publishes, the API never sees a build."""

    plan = serializers.SlugRelatedField(source="report.plan", slug_field="slug", read_only=True)
    year = serializers.IntegerField(source="report.year", read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "plan",
            "year",
            "language",
            "as_at",
            "version",
            "published_at",
            "change_note",
            "pages",
            "files",
        ]

    @extend_schema_field(ReportFileSerializer(many=True))
    def get_files(self, run: ReportRun) -> list[dict]:
        files = []
        if run.pdf_file:
            url = reverse("reports:pdf", kwargs={"pk": run.pk})
            files.append({"format": "pdf", "url": url, "bytes": run.pdf_bytes})
            files[-1]["sha256"] = run.pdf_sha256
        if run.html_file:
            url = reverse("reports:html", kwargs={"pk": run.pk})
            files.append({"format": "html", "url": url, "bytes": run.html_bytes})
            files[-1]["sha256"] = run.html_sha256
        return files


class ActionReferenceSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Action
        fields = ["plan", "number"]


class DecisionSerializer(serializers.ModelSerializer):
    """A published decision (public, its meeting's minutes approved): sig.selectors.PUBLISHED."""

    date = serializers.DateField(source="meeting.held_on", read_only=True)
    actions = ActionReferenceSerializer(many=True, read_only=True)
    themes = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "wording",
            "date",
            "actions",
            "themes",
            "indicators",
            "organisation",
            "state",
            "due_on",
            "url",
        ]

    def get_themes(self, decision: Decision) -> list[int]:
        return sorted(theme.number for theme in decision.themes.all())

    def get_indicators(self, decision: Decision) -> list[str]:
        return [indicator.code for indicator in decision.indicators.all()]

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, decision: Decision) -> str:
        return f"{reverse('sig:decisions')}#decision-{decision.pk}"
