"""Site search: actions of every plan, indicators, approved progress, themes and published
decisions, one query per kind whatever the size of the data.

On PostgreSQL: full-text search with weights (the English text with the `english`
configuration, the Welsh with `simple`, which has no Welsh stemmer) and trigram similarity for
near misses (pg_trgm, enabled by this app's migration). On SQLite: every word must appear in
one of the texts. Welsh pages search the Welsh text, the English where there is no Welsh yet,
and the English too, so an English word a Welsh reader types still finds its record.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from actions.models import Action, ProgressUpdate
from measures.models import Indicator
from sig.selectors import decisions_published
from themes.selectors import themes_current

# Results shown per kind: a search page, not an export.
PER_KIND = 20
# Near misses: how alike a word of the text and the query must be (0 to 1).
TRIGRAM_THRESHOLD = 0.5


@dataclass
class Kind:
    """One kind of record: its texts by weight, and how to list it."""

    name: str
    texts: tuple[tuple[str, str], ...]  # (field, weight A to D), translated fields by base name
    base: object  # a callable giving the public rows of this kind
    related: tuple[str, ...] = ()
    hits: list = field(default_factory=list)


def _kinds() -> list[Kind]:
    return [
        Kind(
            "actions",
            (("text", "A"), ("description", "B")),
            lambda: Action.objects.all(),
            ("plan",),
        ),
        Kind(
            "indicators",
            (("statement", "A"), ("definition", "B"), ("source_publication", "C")),
            lambda: Indicator.objects.all(),
            ("plan", "theme"),
        ),
        Kind(
            "progress",
            (("summary", "A"),),
            lambda: ProgressUpdate.objects.approved(),
            ("action", "action__plan", "review"),
        ),
        Kind("themes", (("title", "A"), ("ambition", "B")), themes_current),
        Kind(
            "decisions",
            (("wording", "A"),),
            lambda: decisions_published().prefetch_related(None),
            ("meeting",),
        ),
    ]


def _own_text(name: str, language: str):
    """The text in the page's language, the English where there is none yet."""
    if language == "en":
        return F(f"{name}_en")
    own = NullIf(F(f"{name}_{language}"), Value(""), output_field=TextField())
    return Coalesce(own, F(f"{name}_en"), output_field=TextField())


def _postgres(kind: Kind, words: str, language: str) -> QuerySet:
    config = "english" if language == "en" else "simple"
    vector = None
    for name, weight in kind.texts:
        part = SearchVector(_own_text(name, language), config=config, weight=weight)
        if language != "en":
            part = part + SearchVector(F(f"{name}_en"), config="english", weight="D")
        vector = part if vector is None else vector + part
    query = SearchQuery(words, config=config, search_type="websearch")
    if language != "en":
        query = query | SearchQuery(words, config="english", search_type="websearch")
    first = kind.texts[0][0]
    near = TrigramWordSimilarity(words, _own_text(first, language))
    return (
        kind.base()
        .annotate(search=vector, rank=SearchRank(vector, query), near=near)
        .filter(Q(search=query) | Q(near__gte=TRIGRAM_THRESHOLD))
        .order_by("-rank", "-near", "pk")
    )


def _plain(kind: Kind, words: str, language: str) -> QuerySet:
    languages = ["en"] if language == "en" else [language, "en"]
    queryset = kind.base()
    for word in words.split():
        matches = Q()
        for name, _weight in kind.texts:
            for code in languages:
                matches |= Q(**{f"{name}_{code}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset.order_by("pk")


def site_search(*, words: str, language: str) -> dict[str, list]:
    """The records matching `words`, by kind, at most PER_KIND each; five queries."""
    engine = _postgres if connection.vendor == "postgresql" else _plain
    found = {}
    for kind in _kinds():
        queryset = engine(kind, words, language)
        if kind.related:
            queryset = queryset.select_related(*kind.related)
        found[kind.name] = list(queryset[:PER_KIND])
    return found
