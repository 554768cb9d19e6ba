"""'Your email settings': each signed-in person chooses how often and in which language the
tracker emails them. The page only ever reads and writes the person's own choice."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import role_required
from core.email_preferences import email_choice, email_preference_set
from core.service_errors import service_errors
from people.preference_forms import BOTH, EmailPreferenceForm

# Anyone signed in, whatever their role: everyone may be emailed.
signed_in_required = role_required(lambda user: user.is_active)


@require_http_methods(["GET", "POST"])
@signed_in_required
def email_settings(request):
    choice = email_choice(request.user)
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            with service_errors(form):
                email_preference_set(
                    user=request.user,
                    actor=request.user,
                    frequency=form.cleaned_data["frequency"],
                    language=form.cleaned_language(),
                )
                messages.success(request, _("Your email settings are saved."))
                return redirect("email-settings")
    else:
        form = EmailPreferenceForm(
            initial={"frequency": choice.frequency, "language": choice.language or BOTH}
        )
    return render(
        request,
        "people/email_settings.html",
        {"form": form, "has_address": bool(request.user.email)},
        status=400 if form.errors else 200,
    )
