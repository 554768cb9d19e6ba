"""The translator's round trip (issue 14): export what needs Welsh as XLSX or XLIFF 1.2, bring
the translated file back all or nothing, and see each text's state on /staff/welsh/."""

import io as bytes_io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Action
from tests.factories import UserFactory
from tracker import translations_io as io
from tracker.models import TranslationState

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(role="Editor")


@pytest.fixture
def untranslated(real_plan):
    """Two actions whose Welsh is taken away, so they need a translator."""
    actions = list(Action.objects.filter(plan=real_plan).order_by("number")[:2])
    for action in actions:
        action.text_cy = ""
        action.save(update_fields=["text_cy"])
    return actions


def _key(action) -> str:
    return f"actions.action.{action.pk}.text"


def _xlsx_rows(content: bytes) -> list[dict]:
    dataset = tablib.Dataset().load(bytes_io.BytesIO(content), format="xlsx")
    return [dict(zip(dataset.headers, row, strict=True)) for row in dataset]


def _translated_xlsx(rows: list[dict]) -> SimpleUploadedFile:
    dataset = tablib.Dataset(headers=io.COLUMNS)
    for row in rows:
        dataset.append([row["key"], row["english"], row["welsh"]])
    return SimpleUploadedFile("welsh.xlsx", dataset.export("xlsx"))


def test_the_export_lists_each_missing_text_with_its_key_english_and_welsh(untranslated):
    rows = {row["key"]: row for row in _xlsx_rows(io.export_xlsx(io.needing_work()))}
    for action in untranslated:
        assert rows[_key(action)]["english"] == action.text_en
        assert not rows[_key(action)]["welsh"]
    # The plan's own translation is complete, so nothing else of its actions is listed.
    assert not any(
        k.startswith("actions.action.") for k in set(rows) - {_key(a) for a in untranslated}
    )


def test_an_xlsx_round_trip_saves_the_welsh_and_marks_it_imported(client, editor, untranslated):
    client.force_login(editor)
    exported = client.get("/staff/welsh/export.xlsx")
    assert exported.status_code == 200
    rows = [r for r in _xlsx_rows(exported.content) if r["key"] in {_key(a) for a in untranslated}]
    for row in rows:
        row["welsh"] = f"Cyfieithiad o {row['key']}"
    response = client.post("/staff/welsh/", {"file": _translated_xlsx(rows)})
    assert response.status_code == 302
    for action in untranslated:
        action.refresh_from_db()
        assert action.text_cy == f"Cyfieithiad o {_key(action)}"
    states = {t.key: t.state for t in io.texts()}
    assert {states[_key(a)] for a in untranslated} == {io.State.IMPORTED}
    # The English then changes: the Welsh is out of date, and exported again.
    action = untranslated[0]
    action.text_en = action.text_en + " (revised)"
    action.save(update_fields=["text_en"])
    assert {t.key: t.state for t in io.texts()}[_key(action)] == io.State.OUT_OF_DATE
    assert _key(action) in {t.key for t in io.needing_work()}


def test_an_xliff_round_trip_saves_the_welsh(editor, untranslated):
    keys = {_key(a) for a in untranslated}
    assert keys <= {t.key for t in io.needing_work()}
    xliff = io.export_xliff([t for t in io.needing_work() if t.key in keys])
    assert b'version="1.2"' in xliff and b'target-language="cy"' in xliff
    text = xliff.decode()
    for action in untranslated:
        # A translation tool fills in each empty target.
        unit_start = text.index(f'id="{_key(action)}"')
        target = text.index("<target", unit_start)
        close = text.index(">", target)
        if text[close - 1] == "/":  # an empty target is written <target state="..." />
            text = text[: close - 1] + f">Cymraeg {action.number}</target>" + text[close + 1 :]
        else:
            text = text[: close + 1] + f"Cymraeg {action.number}" + text[close + 1 :]
    report = io.translations_import(dataset=io.read_xliff(text.encode()), user=editor)
    assert report.ok and report.applied == 2, report.errors
    for action in untranslated:
        action.refresh_from_db()
        assert action.text_cy == f"Cymraeg {action.number}"


def test_a_unit_left_untranslated_fails_the_whole_xliff_import(editor, untranslated):
    xliff = io.export_xliff([t for t in io.needing_work() if t.key == _key(untranslated[0])])
    report = io.translations_import(dataset=io.read_xliff(xliff), user=editor)
    assert not report.ok and report.applied == 0
    assert report.errors == [(2, "welsh", f"“{_key(untranslated[0])}” has no Welsh text.")]


def test_english_changed_since_the_export_fails_the_whole_import(client, editor, untranslated):
    rows = [
        {"key": _key(a), "english": a.text_en, "welsh": f"Cymraeg {a.number}"} for a in untranslated
    ]
    changed = untranslated[1]
    changed.text_en = "A different English text."
    changed.save(update_fields=["text_en"])
    rows.append({"key": "actions.action.999999.text", "english": "Nothing", "welsh": "Dim"})
    client.force_login(editor)
    response = client.post("/staff/welsh/", {"file": _translated_xlsx(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert f"The English of “{_key(changed)}” has changed since the export" in page
    assert "No text has the key “actions.action.999999.text”" in page
    untranslated[0].refresh_from_db()
    assert untranslated[0].text_cy == ""  # the good row was not saved either
    assert not TranslationState.objects.filter(source="imported").exists()


def test_the_welsh_page_counts_states_and_only_editors_reach_it(client, editor, untranslated):
    client.force_login(UserFactory(role="SIG member"))
    assert client.get("/staff/welsh/").status_code == 403
    client.force_login(editor)
    assert "/staff/welsh/" in client.get("/staff/").content.decode()
    page = client.get("/cy/staff/welsh/?kind=actions.action&state=missing").content.decode()
    assert '<a href="?kind=actions.action&amp;state=missing#texts">2</a>' in page
    for action in untranslated:
        assert f'<td lang="en">{action.text_en}' in page.replace("&#x27;", "'")


def test_an_xliff_with_a_document_type_is_refused():
    with pytest.raises(Exception, match="document type"):
        io.read_xliff(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff/>')


def test_the_plans_own_translation_goes_out_of_date_when_its_english_changes(real_plan):
    action = Action.objects.filter(plan=real_plan).order_by("number").last()
    assert action.text_cy
    states = {t.key: t.state for t in io.texts()}
    assert states[_key(action)] == io.State.TRACKER
    action.text_en = action.text_en + " Corrected."
    action.save(update_fields=["text_en"])
    assert {t.key: t.state for t in io.texts()}[_key(action)] == io.State.OUT_OF_DATE
