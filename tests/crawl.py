"""Following links as a person would: from a start page, every same-site page reachable by
links, with the forms and query strings found on the way (tests/tracker/test_fuzz_inputs.py,
tests/tracker/test_welsh_crawl.py)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

# Not followed: signing out, Django's admin, static and report files.
SKIP = ("/sign-out", "/admin/", "/cy/admin/", "/static/", "/media/")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": set(),
            }
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None:
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._form["fields"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML
    # (method, path, field names): every form, and every link with a query string
    targets: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)
    failures: list[tuple[str, int]] = field(default_factory=list)


def crawl(client, start: str, *, within: str = "/", max_pages: int = 90) -> Crawl:
    found, seen, queue = Crawl(), set(), [start]
    while queue and len(seen) < max_pages:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(urlsplit(response["Location"]).path)
            continue
        if response.status_code >= 500:
            found.failures.append((path, response.status_code))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        found.pages[path] = html
        page = _Page()
        page.feed(html)
        for form in page.forms:
            action = urlsplit(form["action"]).path or path
            found.targets.add((form["method"], action, tuple(sorted(form["fields"]))))
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith(within):
                continue
            if parts.path.startswith(SKIP):
                continue
            if parts.query:
                names = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
                found.targets.add(("get", parts.path, tuple(sorted(names))))
            queue.append(parts.path)
    return found
