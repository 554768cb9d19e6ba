"""Progress updates from a CSV or Excel file: this app's columns over core.importing's runner.

Every row goes through the same service as the update form, so a file and the form validate
alike.
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actions.models import UPDATE_STATUSES, Action, Organisation
from actions.services import UPDATE_FIELDS, UPDATE_TWINS, update_submit
from core.importing import ImportReport, date_cell, rows_import

# The update's own fields (one list, shared with the form and the service), after the columns
# that say which action and quarter a row is for.
UPDATE_COLUMNS = ["plan", "action", "quarter", *(f for f in UPDATE_FIELDS if f != "quarter")]
# Files made before the Welsh columns name the English texts plainly ("next_steps").
PLAIN_ENGLISH = [name for name in UPDATE_TWINS if name != "summary"]


def _organisation_cell(value: str) -> Organisation | None:
    """``reports_for``: the short name of the organisation whose part the update reports
    (as in /organisations/<short name>/); empty for the whole action. The service checks that
    it owns the action."""
    value = (value or "").strip()
    if not value:
        return None
    organisation = Organisation.objects.filter(slug=value).first()
    if organisation is None:
        raise ValidationError(
            {
                "reports_for": _(
                    "“{value}” is not an organisation's short name, such as heiw."
                ).format(value=value)
            }
        )
    return organisation


def updates_import(*, dataset: tablib.Dataset, user) -> ImportReport:
    """Each row is one progress update, submitted (and approved if the Editor's own)."""
    actions = {(a.plan.slug, str(a.number)): a for a in Action.objects.select_related("plan")}

    def apply_row(row: dict[str, str]) -> None:
        action = actions.get((row.get("plan", ""), row.get("action", "")))
        if action is None:
            raise ValidationError(
                {
                    "action": _("No action {action} in plan “{plan}”.").format(
                        action=row.get("action"), plan=row.get("plan")
                    )
                }
            )
        data = {k: row.get(k, "") for k in UPDATE_COLUMNS[2:]}
        for name in PLAIN_ENGLISH:
            if row.get(name) and not data[f"{name}_en"]:
                data[f"{name}_en"] = row[name]
        if data["status"] not in dict(UPDATE_STATUSES):
            raise ValidationError(
                {
                    "status": _("“{value}” is not a status. Use one of: {allowed}.").format(
                        value=data["status"],
                        allowed=", ".join(code for code, _label in UPDATE_STATUSES),
                    )
                }
            )
        data["revised_target_date"] = date_cell(
            data["revised_target_date"], column="revised_target_date"
        )
        data["reports_for"] = _organisation_cell(data.get("reports_for", ""))
        action.refresh_from_db()
        update_submit(
            action=action, user=user, data=data, base_version=action.version, approve=True
        )

    return rows_import(
        dataset=dataset,
        columns=UPDATE_COLUMNS + PLAIN_ENGLISH,
        required=UPDATE_COLUMNS[:3],
        apply_row=apply_row,
    )
