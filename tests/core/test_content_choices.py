"""Content in a drop-down or inline on a Welsh page: English marked as English, names in
Welsh order; a Welsh-only text on an English page marked as Welsh (issue 14)."""

import pytest
from django.utils import translation

from actions.filters import ActionFilter
from core.templatetags.tracker_tags import content
from tests.factories import DeliveryPlanFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


def test_owner_options_sort_in_welsh_order_and_english_names_are_marked(no_plan):
    OrganisationFactory(slug="llyw", name_en="Welsh Government", name_cy="Llywodraeth Cymru")
    OrganisationFactory(slug="lwfans", name_en="Allowance", name_cy="Lwfans")
    OrganisationFactory(slug="dhcw", name_en="Digital Health and Care Wales", name_cy="")
    with translation.override("cy"):
        html = str(ActionFilter({}).form["owner"])
    options = _options(html, "owner")
    assert options.index("Lwfans") < options.index("Llywodraeth Cymru")
    assert '<option value="dhcw" lang="en">Digital Health and Care Wales</option>' in options
    with translation.override("en"):
        english = _options(str(ActionFilter({}).form["owner"]), "owner")
    assert 'lang="en"' not in english
    assert english.index("Allowance") < english.index("Welsh Government")


def test_a_plan_without_a_welsh_title_is_marked_english_in_the_plan_filter(no_plan):
    DeliveryPlanFactory(slug="old", title_en="An older delivery plan for the workforce")
    with translation.override("cy"):
        options = _options(str(ActionFilter({}).form["plan"]), "plan")
    assert 'value="old" lang="en"' in options


def test_a_welsh_only_text_on_an_english_page_is_marked_welsh():
    class Update:
        next_steps_en = ""
        next_steps_cy = "Rhannu’r drafft gyda’r grŵp."

    with translation.override("en"):
        assert (
            content(Update(), "next_steps") == '<span lang="cy">Rhannu’r drafft gyda’r grŵp.</span>'
        )
    with translation.override("cy"):
        assert content(Update(), "next_steps") == "Rhannu’r drafft gyda’r grŵp."
