"""Welsh alphabetical order (issue 14): the digraphs are letters of their own."""

import pytest

from core.welsh_sort import sorted_by_name, welsh_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Lwfans", "Llywodraeth Cymru"),
        ("Cyngor", "Chwaraeon"),
        ("Rygbi", "Rhondda"),
        ("Dysgu", "Ddraig"),
        ("Fyny", "Ffynnon"),
        ("Gwynedd", "Ngwynedd"),
        ("Pys", "Phensiwn"),
        ("Tywi", "Theatr"),
    ],
)
def test_a_digraph_sorts_after_every_word_of_its_first_letter(first, second):
    assert welsh_key(first) < welsh_key(second)
    assert sorted([second, first], key=welsh_key) == [first, second]


def test_a_whole_list_of_organisations_in_welsh_order():
    names = ["Llywodraeth Cymru", "Chwaraeon Cymru", "Rhondda Cynon Taf", "Lwfans", "Cyngor",
             "Rygbi", "Addysg"]  # fmt: skip
    assert sorted(names, key=welsh_key) == [
        "Addysg", "Cyngor", "Chwaraeon Cymru", "Lwfans", "Llywodraeth Cymru", "Rygbi",
        "Rhondda Cynon Taf",
    ]  # fmt: skip


def test_english_pages_keep_english_order_and_welsh_pages_get_welsh_order():
    names = ["Llywodraeth Cymru", "Lwfans"]
    assert sorted_by_name(names, str, language="en") == ["Llywodraeth Cymru", "Lwfans"]
    assert sorted_by_name(names, str, language="cy") == ["Lwfans", "Llywodraeth Cymru"]


def test_accents_and_capitals_do_not_change_the_order():
    assert sorted(["Ŵyr", "wyneb", "Âr"], key=welsh_key) == ["Âr", "wyneb", "Ŵyr"]
