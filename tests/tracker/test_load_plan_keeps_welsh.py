"""A reload of the plan (every deploy runs load_plan) keeps the Welsh that staff corrected."""

import io

import pytest
from django.core.management import call_command

from actions.models import Action, DeliveryPlan, WelshTranslationStatus
from tests.conftest import PLAN_FIXTURE
from themes.models import Theme

pytestmark = pytest.mark.django_db


def _load(*args: str) -> None:
    call_command("load_plan", str(PLAN_FIXTURE), *args, stdout=io.StringIO())


def _correct_the_welsh() -> None:
    Action.objects.filter(number=1).update(text_cy="Testun wedi'i gywiro gan staff.")
    Theme.objects.filter(number=2).update(title_cy="Teitl wedi'i gywiro")
    DeliveryPlan.objects.filter(slug="2024-2027").update(
        welsh_translation_status=WelshTranslationStatus.REVIEWED
    )


def test_reloading_the_plan_keeps_welsh_corrected_by_staff_and_its_reviewed_status():
    _load()
    _correct_the_welsh()
    _load()
    assert Action.objects.get(number=1).text_cy == "Testun wedi'i gywiro gan staff."
    assert Theme.objects.get(number=2).title_cy == "Teitl wedi'i gywiro"
    plan = DeliveryPlan.objects.get(slug="2024-2027")
    assert plan.welsh_translation_status == WelshTranslationStatus.REVIEWED


def test_replace_welsh_puts_the_files_welsh_back():
    _load()
    file_text = Action.objects.get(number=1).text_cy
    _correct_the_welsh()
    _load("--replace-welsh")
    assert Action.objects.get(number=1).text_cy == file_text
    plan = DeliveryPlan.objects.get(slug="2024-2027")
    assert plan.welsh_translation_status == WelshTranslationStatus.TRACKER


def test_empty_welsh_is_filled_from_the_file_on_reload():
    _load()
    file_text = Action.objects.get(number=1).text_cy
    Action.objects.filter(number=1).update(text_cy="")
    _load()
    assert Action.objects.get(number=1).text_cy == file_text
