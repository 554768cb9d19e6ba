"""Fixtures for the progress measure tests: the measures loaded as bin/serve loads them."""

from io import StringIO

import pytest
from django.core.management import call_command

from measures.models import ProgressMeasure
from tests.factories import UserFactory

WECARE = (
    "We'll report on the reach and engagement levels of each WeCare Wales campaign and on "
    "website users, both unique and return visitors."
)


@pytest.fixture
def measures_loaded(real_plan):
    """The real plan's progress measures and the 2021 to 2022 figures, inside the test."""
    call_command("load_measures", stdout=StringIO())
    return real_plan


@pytest.fixture
def wecare(measures_loaded) -> ProgressMeasure:
    return ProgressMeasure.objects.get(line__text_en=WECARE)


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
