"""Every free-text field has a maximum length, in the model, so forms, imports and services all
refuse a 1 MB summary with an error that names the field (issue 12)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from actions.models import Action, ProgressUpdate
from core.limits import TEXT_LIMIT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Written by the tracker itself, never typed by a person.
MACHINE_WRITTEN = {
    ("reports", "ReportRun", "failure_reason"),
    ("reports", "ReportRun", "publication_failure"),
    ("sig", "MeetingPack", "html"),
    ("sig", "MeetingPack", "failure_reason"),
    ("actions", "ReminderSent", "recipients"),
}


def _text_fields():
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in {"themes", "actions", "measures", "reports", "sig"}:
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in meta.concrete_fields:
            if isinstance(field, models.TextField) and (
                (meta.app_label, model.__name__, field.name) not in MACHINE_WRITTEN
            ):
                yield meta.label, field


def test_every_free_text_field_has_a_maximum_length_that_the_model_checks():
    unbounded = [
        f"{label}.{field.name}"
        for label, field in _text_fields()
        if not field.max_length
        or not any(isinstance(v, MaxLengthValidator) for v in field.validators)
    ]
    assert list(_text_fields())
    assert not unbounded


def test_a_one_megabyte_summary_is_refused_by_the_form_naming_the_field(client, real_plan):
    from tests.actions.test_progress_updates import _form, _url

    client.force_login(UserFactory(role="Editor"))
    action = Action.objects.select_related("plan").get(plan=real_plan, number=20)
    response = client.post(_url(action), _form(action, summary_en="x" * 1_000_000))
    assert response.status_code == 400
    assert f"Enter {TEXT_LIMIT} characters or fewer" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_long_text_is_refused_by_the_model_whatever_path_it_comes_by(real_plan):
    action = Action.objects.get(plan=real_plan, number=20)
    update = ProgressUpdate(action=action, status="on_track", summary_en="x" * (TEXT_LIMIT + 1))
    with pytest.raises(ValidationError) as refused:
        update.full_clean()
    assert "summary_en" in refused.value.message_dict
