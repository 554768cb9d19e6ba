"""Two Editors saving the same period and breakdown at once: the second gets a field error."""

from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from measures import services
from measures.models import Observation
from tests.factories import IndicatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_value_saved_between_the_check_and_the_save_is_a_duplicate_error_not_a_500():
    indicator = IndicatorFactory()
    editor = UserFactory(role="Editor")
    data = {"period": "2024", "value": Decimal("50"), "source_en": "Survey"}
    services.observation_record(indicator=indicator, user=editor, data=data)
    real_clash = services.observation_clash
    checks = []

    def clash_after_the_other_save(**kwargs):
        # The first check sees nothing, as it would if the other save had not committed yet.
        checks.append(kwargs)
        return None if len(checks) == 1 else real_clash(**kwargs)

    patched = mock.patch.object(services, "observation_clash", clash_after_the_other_save)
    with patched, pytest.raises(ValidationError) as refused:
        services.observation_record(indicator=indicator, user=editor, data=data)
    assert refused.value.error_dict["period"][0].code == "duplicate"
    assert Observation.objects.filter(indicator=indicator, period="2024").count() == 1
