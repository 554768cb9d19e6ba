import datetime

import pytest
from django.utils import timezone

from actions.models import Action, Organisation
from sig import services
from tests.factories import UserFactory, owner_of


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(real_plan):
    heiw = Organisation.objects.get(slug="heiw")
    return {
        "sig": UserFactory(username="sig-chair", role="SIG member"),
        "editor": UserFactory(username="sig-editor", role="Editor"),
        "owner": owner_of(heiw, username="heiw-owner"),
        "other_owner": owner_of(
            Organisation.objects.get(slug="welsh-government"), username="wg-owner"
        ),
        "heiw": heiw,
    }


@pytest.fixture
def meeting(people, django_capture_on_commit_callbacks):
    """A meeting held today, chaired and opened by the SIG member (its pack frozen)."""
    meeting = services.meeting_create(
        user=people["sig"],
        held_on=timezone.localdate(),
        chair=people["sig"],
        attendees="Chair\nHEIW",
        agenda_en="Exceptions\nDecisions",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_open(meeting=meeting, user=people["sig"], base_version=meeting.version)
    return meeting


def record(meeting, user, *, number=12, organisation, days=30, is_public=True):
    data = {
        "wording_en": "Report on widening access to careers at the next meeting.",
        "wording_cy": "Adrodd ar ehangu mynediad at yrfaoedd yn y cyfarfod nesaf.",
        "organisation": organisation,
        "due_on": timezone.localdate() + datetime.timedelta(days=days),
        "is_public": is_public,
    }
    actions = [Action.objects.get(plan__slug="2024-2027", number=number)] if number else []
    return services.decision_record(meeting=meeting, user=user, data=data, actions=actions)
