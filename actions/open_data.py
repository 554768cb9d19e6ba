"""The public, stable shape of actions in /data/actions.json and /data/actions.csv.

Other services read these: add fields if you must, never rename or remove one. The README
documents every field.
"""

from collections import defaultdict

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse

from actions.filters import ActionFilter
from actions.models import Action, ActionLink, ActionOwner, ActionSubPoint
from actions.status import ActionStatus

CSV_HEADER = [
    "plan",
    "number",
    "theme",
    "period",
    "period_label",
    "text",
    "text_cy",
    "sub_points",
    "owners",
    "status",
    "status_label",
    "target_date",
    "url",
    "description",
    "lineage",
    "outcome",
]

_ACTION_FIELDS = (
    "pk",
    "plan__slug",
    "number",
    "theme__number",
    "period__slug",
    "period__label_en",
    "text_en",
    "text_cy",
    "description_en",
    "status",
    "target_date",
    "plan__ended",
    "outcome__outcome",
)


def action_records(actions: QuerySet[Action]) -> list[dict]:
    """One record per action, in the queryset's order, in three queries whatever the count.

    Built from ``values()`` rather than model instances: the export holds every matching action
    of every plan, and building instances took most of its time (docs/performance.md).
    """
    rows = list(actions.prefetch_related(None).values(*_ACTION_FIELDS))
    ids = [row["pk"] for row in rows]
    sub_points: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for action_id, text_en, text_cy in ActionSubPoint.objects.filter(action__in=ids).values_list(
        "action_id", "text_en", "text_cy"
    ):
        sub_points[action_id].append((text_en, text_cy))
    owners: dict[int, list[dict]] = defaultdict(list)
    for owner in ActionOwner.objects.filter(action__in=ids).values(
        "action_id", "organisation__slug", "organisation__name_en", "role", "named_in_text"
    ):
        owners[owner["action_id"]].append(
            {
                "organisation": owner["organisation__slug"],
                "name": owner["organisation__name_en"],
                "role": owner["role"],
                "named_in_text": owner["named_in_text"],
            }
        )
    lineage = action_lineage_records(ids)
    status_labels = {value: str(label) for value, label in ActionStatus.choices}
    return [
        {
            "plan": row["plan__slug"],
            "number": row["number"],
            "theme": row["theme__number"],
            "period": row["period__slug"],
            "period_label": row["period__label_en"],
            "text": row["text_en"],
            "text_cy": row["text_cy"] or None,
            "sub_points": [en for en, _cy in sub_points[row["pk"]]],
            "sub_points_cy": [cy or None for _en, cy in sub_points[row["pk"]]],
            "owners": owners[row["pk"]],
            "status": row["status"],
            "status_label": status_labels.get(row["status"], row["status"]),
            "target_date": row["target_date"].isoformat() if row["target_date"] else None,
            "url": reverse(
                "actions:detail", kwargs={"plan": row["plan__slug"], "number": row["number"]}
            ),
            "description": row["description_en"],
            "lineage": lineage[row["pk"]],
            # Only an ended plan's actions have outcomes; "not_recorded" until an Editor's.
            "outcome": (row["outcome__outcome"] or "not_recorded") if row["plan__ended"] else None,
        }
        for row in rows
    ]


def action_lineage_records(ids: list[int]) -> dict[int, list[dict]]:
    """Each action's links to actions of other plans, seen from that action, in one query.

    ``relation`` reads from the action: "continued_by" is the other side of "continues".
    """
    seen_from_target = {"continues": "continued_by", "replaces": "replaced_by"}
    lineage: dict[int, list[dict]] = defaultdict(list)
    links = (
        ActionLink.objects.shown()
        .filter(Q(action__in=ids) | Q(target__in=ids))
        .values(
            "action_id",
            "target_id",
            "relation",
            "state",
            "action__plan__slug",
            "action__number",
            "target__plan__slug",
            "target__number",
        )
        .order_by("pk")
    )
    for link in links:
        lineage[link["action_id"]].append(
            {
                "relation": link["relation"],
                "state": link["state"],
                "plan": link["target__plan__slug"],
                "number": link["target__number"],
            }
        )
        lineage[link["target_id"]].append(
            {
                "relation": seen_from_target.get(link["relation"], link["relation"]),
                "state": link["state"],
                "plan": link["action__plan__slug"],
                "number": link["action__number"],
            }
        )
    return lineage


def action_filter_parameters(data: QueryDict) -> list[tuple[str, str]]:
    """The filters in a request, without anything else (a page number, say)."""
    return [(name, value) for name in ActionFilter.base_filters for value in data.getlist(name)]


def action_csv_row(record: dict) -> list:
    return [
        record["plan"],
        record["number"],
        record["theme"],
        record["period"],
        record["period_label"],
        record["text"],
        record["text_cy"] or "",
        " | ".join(record["sub_points"]),
        "; ".join(
            f"{o['name']} ({o['role']}{'' if o['named_in_text'] else ', assumed'})"
            for o in record["owners"]
        ),
        record["status"],
        record["status_label"],
        record["target_date"] or "",
        record["url"],
        record["description"],
        "; ".join(
            f"{link['relation']} {link['plan']} {link['number']} ({link['state']})"
            for link in record["lineage"]
        ),
        record["outcome"] or "",
    ]
