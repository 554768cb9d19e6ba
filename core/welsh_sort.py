"""Welsh alphabetical order, for lists sorted by name on Welsh pages.

The Welsh alphabet treats the digraphs ch, dd, ff, ng, ll, ph, rh and th as letters of their
own, each sorting after its first letter's other words: a b c ch d dd e f ff g ng h i j l ll
m n o p ph r rh s t th u w y. So "Lwfans" comes before "Llywodraeth Cymru", "Cyngor" before
"Chwaraeon" and "Rygbi" before "Rhondda". Python's sort, and the databases', know nothing of
this, so names are sorted in Python with ``welsh_key``.

Known limit: "ng" is read as one letter wherever it stands, though a few words (such as
"Bangor") hold an n and a g; telling them apart needs a dictionary, which no list of names here
warrants.
"""

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")

ALPHABET = [
    "a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll", "m",
    "n", "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y",
]  # fmt: skip
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
_DIGRAPHS = {letter for letter in ALPHABET if len(letter) == 2}


def _letters(text: str) -> list[str]:
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )
    letters, index = [], 0
    while index < len(plain):
        pair = plain[index : index + 2]
        if pair in _DIGRAPHS:
            letters.append(pair)
            index += 2
        else:
            letters.append(plain[index])
            index += 1
    return letters


def welsh_key(text: str) -> tuple:
    """A sort key putting ``text`` in Welsh alphabetical order.

    Letters outside the Welsh alphabet (k, q, v, x, z, digits, signs) sort by their code after
    it, so nothing is lost; accents are ignored, then the text itself breaks ties.
    """
    ranks = tuple(
        (0, _RANK[letter]) if letter in _RANK else (1, ord(letter[0])) for letter in _letters(text)
    )
    return (ranks, text)


def sorted_by_name(
    items: Iterable[T], name: Callable[[T], str], language: str | None = None
) -> list[T]:
    """``items`` in the order of their names for the reader: Welsh order on Welsh pages."""
    language = (language or get_language() or "en").split("-")[0]
    if language == "cy":
        return sorted(items, key=lambda item: welsh_key(name(item) or ""))
    return sorted(items, key=lambda item: ((name(item) or "").casefold(), name(item) or ""))
