"""The public, stable shape of actions in /data/actions.json and /data/actions.csv.

Other services read these: add fields if you must, never rename or remove one. The README
documents every field.
"""

from actions.models import Action

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
]


def action_record(action: Action) -> dict:
    return {
        "plan": action.plan.slug,
        "number": action.number,
        "theme": action.theme.number,
        "period": action.period.slug,
        "period_label": action.period.label_en,
        "text": action.text_en,
        "text_cy": action.text_cy or None,
        "sub_points": [p.text_en for p in action.sub_points.all()],
        "sub_points_cy": [p.text_cy or None for p in action.sub_points.all()],
        "owners": [
            {
                "organisation": owner.organisation.slug,
                "name": owner.organisation.name_en,
                "role": owner.role,
                "named_in_text": owner.named_in_text,
            }
            for owner in action.owners.all()
        ],
        "status": action.status,
        "status_label": str(action.get_status_display()),
        "target_date": action.target_date.isoformat() if action.target_date else None,
        "url": action.get_absolute_url(),
    }


def action_csv_row(action: Action) -> list:
    record = action_record(action)
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
    ]
