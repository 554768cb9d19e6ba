"""No untagged English on a Welsh page (issue 14). The test follows links from each person's
Welsh start page, as they would, and checks every text node: one that is not inside lang="en"
but holds two or more common English words is English shown as if it were Welsh. Web
addresses are left out, since they are the same in both languages."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.crawl import crawl
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

# The list: common English words that are not Welsh words.
ENGLISH_WORDS = {
    "the", "and", "with", "will", "for", "of", "our", "have", "this", "that", "which", "from",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+", re.IGNORECASE)
# Elements whose text is never shown, so never read.
_UNREAD = {"script", "style", "template"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Every page the crawl can reach, with room to spare: a crawl that stops at the cap has not
# walked every page, and fails.
MAX_PAGES = 1500


class _TextNodes(HTMLParser):
    """Each text node with the language it sits in (its nearest lang attribute)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", "", False)]
        self.nodes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        _tag, lang, unread = self.stack[-1]
        given = dict(attrs).get("lang")
        self.stack.append((tag, given or lang, unread or tag in _UNREAD))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        # Close up to the matching element, as browsers do with an unclosed <p> or <li>.
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        _tag, lang, unread = self.stack[-1]
        if not unread and data.strip():
            self.nodes.append((lang, " ".join(data.split())))


def untagged_english(html: str) -> list[str]:
    """The text nodes outside lang="en" that hold two or more of the common English words."""
    reader = _TextNodes()
    reader.feed(html)
    reader.close()
    found = []
    for lang, text in reader.nodes:
        if lang.startswith("en"):
            continue
        words = _WORD.findall(_WEB_ADDRESS.sub(" ", text))
        if sum(word.lower() in ENGLISH_WORDS for word in words) >= 2:
            found.append(text)
    return found


def test_the_check_finds_untagged_english_and_accepts_tagged_english():
    page = '<html lang="cy"><p>Cynnydd: the plan and its aims</p><p>Y cynllun</p></html>'
    assert untagged_english(page) == ["Cynnydd: the plan and its aims"]
    tagged = '<html lang="cy"><p>Cynnydd <span lang="en">the plan and its aims</span></p></html>'
    assert untagged_english(tagged) == []
    # One common word alone is not a passage of English ("Cymru and"), nor is a web address.
    assert untagged_english('<html lang="cy"><p>Gofal Cymdeithasol Cymru and</p></html>') == []
    assert untagged_english("<p>Gweler https://example.org/the-plan-of-the-year</p>") == []
    # The text of an option or an SVG title is a text node like any other.
    assert untagged_english("<select><option>Leadership and the workforce</option></select>")
    assert untagged_english("<svg><title>Share of the workforce with a degree</title></svg>")


def _people():
    from actions.models import Organisation

    return {
        "public": lambda: None,
        "Editor": lambda: UserFactory(role="Editor"),
        "action owner": lambda: owner_of(Organisation.objects.get(slug="heiw")),
        "SIG member": lambda: UserFactory(role="SIG member"),
        "Administrator": lambda: UserFactory(role="Administrator", is_staff=True),
    }


def _english_only_update() -> None:
    """An approved update written in English only, so its texts show with the fallback."""
    from actions.models import Action, ActionStatus
    from actions.quarters import quarter_of
    from actions.services import update_submit

    action = Action.objects.filter(plan__slug="2024-2027").order_by("number").first()
    update_submit(
        action=action,
        user=UserFactory(role="Editor"),
        data={
            "status": ActionStatus.SIGNIFICANT_DELAYS,
            "status_reason_en": "The funding for this work has not been agreed with the partners.",
            "summary_en": "The review of the workforce plan and its actions is under way.",
            "next_steps_en": "We will share the draft with the group for comment.",
            "quarter": quarter_of(timezone.localdate()).code,
        },
        base_version=action.version,
        approve=True,
    )


@pytest.mark.parametrize("role", list(_people()))
def test_no_welsh_page_shows_untagged_english(client, real_plan, role):
    # Every plan, as production loads them: the ended plans have no Welsh yet, so their
    # English shows on Welsh pages and must be marked.
    call_command("load_plan", "--all", stdout=io.StringIO())
    _english_only_update()
    person = _people()[role]()
    if person is not None:
        client.force_login(person)
    found = crawl(client, "/cy/", within="/cy/", max_pages=MAX_PAGES)
    assert len(found.pages) < MAX_PAGES, "the crawl stopped at its cap before every page"
    assert len(found.pages) >= 10  # the crawl went somewhere, or this test proves nothing
    problems = {
        path: texts for path, html in found.pages.items() if (texts := untagged_english(html))
    }
    assert not problems, "\n".join(
        f"{path}: {text}" for path, texts in problems.items() for text in texts
    )
