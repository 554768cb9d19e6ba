"""/search/?q=: the site search page, in both languages (the engine is api/search.py)."""

import re
import unicodedata

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from api.search import site_search

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Longer texts are cut to a window around the first match.
SNIPPET_LENGTH = 240
# How many letters a word of the text may lack and still be marked as matching the query.
NEAR = 2


def _printable(value: str) -> None:
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise forms.ValidationError(
            _("Search for words only: the search contains a control character.")
        )
    if len(value.split()) > MAX_WORDS:
        raise forms.ValidationError(_("Search for {limit} words or fewer.").format(limit=MAX_WORDS))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the whole tracker"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        validators=[_printable],
        error_messages={
            "max_length": _("Search for %(limit_value)d characters or fewer."),
            "null_characters_not_allowed": _(
                "Search for words only: the search contains a control character."
            ),
        },
    )


def _fold(word: str) -> str:
    """Lower case without accents, so "morâl" and "moral" compare alike."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(word: str, terms: list[str]) -> bool:
    folded = _fold(word)
    # A longer form counts ("planning" for "plan"), and so does a near miss a letter or two
    # short ("morâl" for "morale"), but not any short word ("work" for "workforce").
    return bool(folded) and any(
        folded.startswith(term)
        or (len(folded) >= 4 and term.startswith(folded) and len(term) - len(folded) <= NEAR)
        for term in terms
    )


def highlight(text: str, words: str) -> str:
    """The text, escaped, with each word that matches the query in <mark>, cut to a snippet."""
    terms = [_fold(w) for w in re.findall(r"\w+", words) if _fold(w)]
    pieces = re.split(r"(\w+)", text)
    marked = [i for i, piece in enumerate(pieces) if i % 2 and _matches(piece, terms)]
    start, end = 0, len(pieces)
    if len(text) > SNIPPET_LENGTH and marked:
        # A window of about SNIPPET_LENGTH characters from a little before the first match.
        start = max(0, marked[0] - 10)
        length, end = 0, start
        while end < len(pieces) and length < SNIPPET_LENGTH:
            length += len(pieces[end])
            end += 1
    html = "".join(
        str(format_html("<mark>{}</mark>", piece)) if i in marked else escape(piece)
        for i, piece in enumerate(pieces[start:end], start=start)
    )
    before = "… " if start > 0 else ""
    after = " …" if end < len(pieces) else ""
    return mark_safe(before + html + after)  # noqa: S308 - every piece is escaped above


def _text(record, name: str, language: str) -> tuple[str, bool]:
    """The field in the page's language, and whether it is the English shown for want of it."""
    own = getattr(record, f"{name}_{language}", "") or ""
    if own:
        return own, False
    return getattr(record, f"{name}_en", "") or "", language != "en"


def _hit(record, *, title: str, name: str, link: str, words: str, language: str) -> dict:
    text, english = _text(record, name, language)
    return {"title": title, "link": link, "text": highlight(text, words), "english": english}


def _hits(found: dict, words: str, language: str) -> list[dict]:
    def hit(record, title, name, link):
        return _hit(record, title=title, name=name, link=link, words=words, language=language)

    groups = [
        (
            "actions",
            _("Actions"),
            [
                hit(a, f"{a.heading} ({a.plan.name})", "text", a.get_absolute_url())
                for a in found["actions"]
            ],
        ),
        (
            "indicators",
            _("Indicators"),
            [
                hit(i, _("Indicator {code}").format(code=i.code), "statement", i.get_absolute_url())
                for i in found["indicators"]
            ],
        ),
        (
            "progress",
            _("Approved progress"),
            [
                hit(
                    u,
                    f"{u.action.heading} ({u.action.plan.name}), {u.quarter}",
                    "summary",
                    u.action.get_absolute_url(),
                )
                for u in found["progress"]
            ],
        ),
        (
            "themes",
            _("Themes"),
            [
                hit(t, f"{t.number}. {t.title}", "ambition", t.get_absolute_url())
                for t in found["themes"]
            ],
        ),
        (
            "decisions",
            _("Decisions"),
            [
                hit(d, _("Decision {number}").format(number=d.pk), "wording", _decision_link(d))
                for d in found["decisions"]
            ],
        ),
    ]
    return [{"kind": kind, "label": label, "hits": hits} for kind, label, hits in groups]


def _decision_link(decision) -> str:
    return f"{reverse('sig:decisions')}#decision-{decision.pk}"


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "groups": None, "words": ""}
    status = 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        words = form.cleaned_data["q"]
        language = (get_language() or "en").split("-")[0]
        groups = _hits(site_search(words=words, language=language), words, language)
        context.update(groups=groups, words=words, total=sum(len(g["hits"]) for g in groups))
    elif form.is_bound and not form.is_valid():
        status = 400
    return render(request, "search/search.html", context, status=status)
