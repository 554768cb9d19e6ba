"""Password reset by email for local password accounts: Django's own views and tokens.

The pages never say whether an address has an account: the same "check your email" page
follows every request. The email goes in Welsh and English, Welsh first (no one has chosen a
language before signing in), with a plain-text and an HTML part, as the decision emails do. Its
links are built on SITE_URL, never on the Host header of the request that asked for it.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import path, reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import GovukFormMixin

logger = logging.getLogger(__name__)


class ResetRequestForm(GovukFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "class": "app-input"}
        ),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subjects, texts, parts = [], [], []
        for language in ("cy", "en"):
            with translation.override(language):
                path = reverse(
                    "password_reset_confirm",
                    kwargs={"uidb64": context["uid"], "token": context["token"]},
                )
                language_context = {**context, "link": settings.SITE_URL.rstrip("/") + path}
                subjects.append(
                    render_to_string(
                        "registration/password_reset_subject.txt", language_context
                    ).strip()
                )
                texts.append(
                    render_to_string(
                        "registration/password_reset_email.txt", language_context
                    ).strip()
                )
                parts.append(
                    render_to_string(
                        "registration/password_reset_email_part.html", language_context
                    )
                )
        message = EmailMultiAlternatives(
            subject=" / ".join(subjects),
            body="\n\n----------\n\n".join(texts) + "\n",
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
            to=[to_email],
        )
        message.attach_alternative(
            render_to_string("registration/password_reset_email.html", {"parts": parts}),
            "text/html",
        )
        try:
            message.send()
        except Exception:
            # The page must look the same whether or not an email went: a failure to send is
            # for the operators' log, not for the person asking.
            logger.exception("The password reset email could not be sent.")


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = _("New password")
        first.error_messages["required"] = _("Enter a new password")
        second.label = _("New password again")
        second.error_messages["required"] = _("Enter the new password again")
        first.widget.attrs.pop("autofocus", None)
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("The two passwords are different. Enter the same one twice."),
        }


urlpatterns = [
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ResetRequestForm,
            template_name="registration/password_reset_form.html",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm,
            template_name="registration/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
