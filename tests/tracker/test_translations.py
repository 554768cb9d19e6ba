"""The Welsh catalogue is complete, has no fuzzy entries and its compiled file is current."""

import gettext

import polib
import pytest

from tests.conftest import ROOT

PO = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


# Django's Welsh rule: (n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3
_WELSH_PLURAL_SAMPLES = {0: 1, 1: 2, 2: 5, 3: 8}


def test_catalogue_uses_djangos_welsh_plural_rule(catalogue):
    assert catalogue.metadata["Plural-Forms"] == (
        "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"
    )


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def test_every_message_is_translated_into_welsh(catalogue):
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    assert untranslated == []


def test_no_translation_is_fuzzy(catalogue):
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source(catalogue):
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            for form, text in entry.msgstr_plural.items():
                n = _WELSH_PLURAL_SAMPLES[form]
                assert compiled.ngettext(entry.msgid, entry.msgid_plural, n) == text, entry.msgid
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
