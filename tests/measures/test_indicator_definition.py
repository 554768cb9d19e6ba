"""Editors keep each indicator's definition, method, caveats and source, in both languages; the
plan's own words fill the source where it names one (issue 16)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from measures.models import Indicator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "definition_en": "The share of the workforce who say morale is good.",
    "definition_cy": "Cyfran y gweithlu sy’n dweud bod morâl yn dda.",
    "method_en": "Asked in the workforce survey.",
    "method_cy": "Gofynnir yn arolwg y gweithlu.",
    "caveats_en": "Those who answer may differ from those who do not.",
    "caveats_cy": "",
}


@pytest.fixture
def morale(real_plan) -> Indicator:
    return Indicator.objects.get(theme__number=1, position=1)


def _url(indicator: Indicator) -> str:
    return f"/staff/indicators/{indicator.pk}/about/edit/"


def _form_data(client, indicator: Indicator, **changes) -> dict:
    form = client.get(_url(indicator)).context["form"]
    data = {
        name: "" if form[name].value() is None else form[name].value()
        for name in form.fields
        if name != "next_release"
    }
    data |= {"next_release_day": "", "next_release_month": "", "next_release_year": ""}
    return data | changes


def test_an_editor_writes_the_definition_and_both_languages_read_it(client, morale):
    editor = UserFactory(role="Editor")
    client.force_login(editor)
    page = client.get(morale.get_absolute_url()).content.decode()
    assert f'href="{_url(morale)}"' in page
    response = client.post(_url(morale), _form_data(client, morale, **TEXTS))
    assert response.status_code == 302
    # The change is in the indicator's audit trail, with who made it.
    assert morale.history.latest().history_user == editor
    assert response["Location"].endswith(f"{morale.get_absolute_url()}#about")

    client.logout()
    english = client.get(morale.get_absolute_url()).content.decode()
    assert TEXTS["definition_en"] in english and TEXTS["method_en"] in english
    welsh = client.get(f"/cy{morale.get_absolute_url()}").content.decode()
    assert '<html lang="cy"' in welsh
    assert TEXTS["definition_cy"] in welsh and TEXTS["method_cy"] in welsh
    # No Welsh caveats yet: the English shows, marked as English.
    assert f'<span lang="en">{TEXTS["caveats_en"]}</span>' in welsh


def test_the_change_link_and_the_form_are_for_editors_only(client, morale):
    client.force_login(UserFactory(role="SIG member"))
    assert _url(morale) not in client.get(morale.get_absolute_url()).content.decode()
    assert client.get(_url(morale)).status_code == 403
    client.logout()
    assert client.get(_url(morale)).status_code == 302


def test_a_second_editor_working_from_an_older_version_is_told_and_keeps_their_text(client, morale):
    client.force_login(UserFactory(role="Editor"))
    first = _form_data(client, morale, definition_en="First editor's definition.")
    second = _form_data(client, morale, definition_en="Second editor's definition.")
    assert client.post(_url(morale), first).status_code == 302
    response = client.post(_url(morale), second)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved first" in body
    assert "First editor&#x27;s definition." in body  # what they saved
    assert "Second editor&#x27;s definition." in body  # kept in the form
    assert Indicator.objects.get(pk=morale.pk).definition_en == "First editor's definition."
    # Saving again from the form as it came back works.
    again = response.context["form"].data
    assert client.post(_url(morale), again).status_code == 302
    assert Indicator.objects.get(pk=morale.pk).definition_en == "Second editor's definition."


def test_a_bad_link_or_date_is_refused_naming_the_field(client, morale):
    client.force_login(UserFactory(role="Editor"))
    data = _form_data(
        client,
        morale,
        source_url="not a web address",
        next_release_day="31",
        next_release_month="2",
        next_release_year="2026",
    )
    response = client.post(_url(morale), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Link to the source publication: Enter a web address" in body
    assert "Expected next release: The date must be a real date" in body
    assert Indicator.objects.get(pk=morale.pk).source_url == ""


def test_reloading_the_provenance_keeps_what_editors_changed(client, morale):
    out = io.StringIO()
    call_command("load_provenance", stdout=out)
    assert "filled in" in out.getvalue()
    morale.refresh_from_db()
    assert (morale.source_publication_en, morale.frequency) == (
        "Social care workforce survey",
        "annual",
    )
    client.force_login(UserFactory(role="Editor"))
    renamed = _form_data(client, morale, source_publication_en="Workforce survey 2025")
    assert client.post(_url(morale), renamed).status_code == 302
    call_command("load_provenance", stdout=out)
    assert "already loaded, nothing changed" in out.getvalue()
    assert Indicator.objects.get(pk=morale.pk).source_publication_en == "Workforce survey 2025"


def test_a_bad_provenance_document_changes_nothing_and_names_the_item(morale, tmp_path):
    document = {
        "format": 1,
        "plan": "2024-2027",
        "indicators": [
            {"code": "1.1", "producer": "Social Care Wales", "evidence": ["x"]},
            {"code": "9.9", "frequency": "monthly"},
        ],
    }
    path = tmp_path / "provenance.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("load_provenance", str(path))
    message = str(failure.value)
    assert "indicators[1] (indicator 9.9): no such indicator in plan 2024-2027." in message
    assert "indicators[1] (indicator 9.9): frequency must be one of" in message
    assert "give the plan's words that say this as 'evidence'" in message
    assert not Indicator.objects.get(pk=morale.pk).producer_en


def test_the_welsh_page_shows_the_welsh_source(client, morale):
    call_command("load_provenance", stdout=io.StringIO())
    welsh = client.get(f"/cy{morale.get_absolute_url()}").content.decode()
    assert "Arolwg o&#x27;r gweithlu gofal cymdeithasol" in welsh
    assert "Gofal Cymdeithasol Cymru" in welsh
    assert "Social care workforce survey<" not in welsh
    assert '/data/indicators/2024-2027/1.1.csv"' in welsh
