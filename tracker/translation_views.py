"""/staff/welsh/: each kind of public text by the state of its Welsh, what needs work, and the
translator's round trip (export XLSX or XLIFF, import the translated file). Editors only."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from core.access import editor_required
from core.forms import GovukForm
from core.spreadsheet import read_table
from tracker import translations_io as io

LISTED = 200


class TranslationImportForm(GovukForm):
    file = forms.FileField(
        label=gettext_lazy("Translated file"),
        help_text=gettext_lazy(
            "The exported file with the Welsh added: .xlsx or .xlf, at most 10 MB."
        ),
        widget=forms.FileInput,
        error_messages={
            "required": gettext_lazy("Select a file"),
            "empty": gettext_lazy("The selected file is empty"),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlf", ".xliff")):
            raise forms.ValidationError(_("The file must be an .xlsx, .xlf or .xliff file."))
        if upload.size > io.MAX_XLIFF_BYTES:
            raise forms.ValidationError(_("The file must be 10 MB or smaller."))
        return upload


@require_http_methods(["GET", "POST"])
@editor_required
def welsh_translations(request):
    form = TranslationImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.name.lower().endswith(".xlsx"):
                dataset = read_table(upload)
            else:
                dataset = io.read_xliff(upload.read())
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            report = io.translations_import(dataset=dataset, user=request.user)
            if report.ok:
                messages.success(
                    request, _("All {count} Welsh texts were saved.").format(count=report.applied)
                )
                return redirect("staff:missing-welsh")
    found = io.texts()
    kind = io.KINDS_BY_SLUG.get(request.GET.get("kind", ""))
    # A state, "all", or by default what needs work (missing or out of date).
    state = request.GET.get("state", "")
    if state not in io.STATE_LABELS and state != "all":
        state = ""
    wanted = {state} if state in io.STATE_LABELS else set(io.STATE_LABELS)
    if not state:
        wanted = set(io.NEEDS_WORK)
    listed = [t for t in found if (kind is None or t.kind is kind) and t.state in wanted]
    if request.user.is_staff:  # people who may use Django's admin get a link to each text
        for text in listed[:LISTED]:
            text.admin_url = _admin_url(text.key)
    context = {
        "form": form,
        "report": report,
        "counts": io.state_counts(found),
        "state_labels": io.STATE_LABELS,
        "needing_work": sum(t.state in io.NEEDS_WORK for t in found),
        "listed": listed[:LISTED],
        "listed_count": len(listed),
        "kind": kind,
        "state_label": io.STATE_LABELS.get(state, _("All") if state == "all" else None),
    }
    status = 400 if (form.errors or (report and not report.ok)) else 200
    return render(request, "staff/welsh.html", context, status=status)


def _admin_url(key: str) -> str:
    app, model, pk, _field = key.split(".")
    try:
        return reverse(f"admin:{app}_{model}_change", args=[pk])
    except NoReverseMatch:  # a kind the admin does not show
        return ""


@require_safe
@editor_required
def welsh_export(request, file_format: str):
    """Every text whose Welsh is missing or out of date, for a translator."""
    found = io.needing_work()
    if file_format == "xliff":
        content, kind, name = io.export_xliff(found), "application/x-xliff+xml", "welsh.xlf"
    else:
        content = io.export_xlsx(found)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = "welsh.xlsx"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
