"""How much of a Welsh page's visible text is English: the words inside lang="en"."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text a reader never sees on the page.
_HIDDEN = {"head", "script", "style", "template", "noscript"}
# Elements with no end tag: they never hold text, so they never go on the stack.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# A word has a letter; numbers and dates are the same in both languages.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass
class PageWords:
    welsh: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def english_share(self) -> float:
        total = len(self.welsh) + len(self.english)
        return len(self.english) / total if total else 0.0


class _Reader(HTMLParser):
    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", page_lang, False)]
        self.words = PageWords()
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        _parent, lang, hidden = self.stack[-1]
        given = dict(attrs).get("lang")
        if tag == "html" and given:
            self.stack[0] = ("", given, False)
        self.stack.append((tag, given or lang, hidden or tag in _HIDDEN))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        # Close up to the matching element, as browsers do with an unclosed <p> or <li>.
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        _tag, lang, hidden = self.stack[-1]
        if hidden:
            return
        self.chunks.append(data)
        words = _WORD.findall(data)
        (self.words.english if lang.startswith("en") else self.words.welsh).extend(words)


def page_words(html: str, page_lang: str = "cy") -> PageWords:
    """The page's visible words, split by the language they are marked as."""
    reader = _Reader(page_lang)
    reader.feed(html)
    reader.close()
    reader.words.text = " ".join(" ".join(reader.chunks).split())
    return reader.words
