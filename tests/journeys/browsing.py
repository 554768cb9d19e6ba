"""A person using the site in a browser: one context, links only, in one language.

A journey types an address once (the home page); every later page is reached by clicking a
link or sending a form. After each page the person's links are checked: none may answer 403,
404 or 500, or send them to a sign-in page (a link they may not follow).
"""

import re
from urllib.parse import urldefrag, urlsplit

from django.utils import translation

from tests.two_factor import pass_second_factor

PASSWORD = "correct-horse-battery"


def t(language: str, message: str, /, **values) -> str:
    """The interface text as the site shows it in this language."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def tn(language: str, singular: str, plural: str, count: int, /, **values) -> str:
    with translation.override(language):
        text = translation.ngettext(singular, plural, count)
    return text % {"counter": count, **values}


def pattern(language: str, message: str, /, **groups) -> re.Pattern:
    """A whole-text pattern for a translated message whose placeholders are regex groups."""
    text = re.escape(t(language, message))
    for name, group in groups.items():
        text = text.replace(re.escape(f"%({name})s"), group)
    return re.compile(f"^{text}$")


class Person:
    def __init__(self, context, site: str, language: str, *, anonymous_checks: dict | None = None):
        """anonymous_checks: the links already checked for someone not signed in, shared by
        the people of one test (everyone sees the same home page before signing in)."""
        self.context = context
        self.site = site
        self.language = language
        self.page = context.new_page()
        self.checked: dict[str, int] = anonymous_checks if anonymous_checks is not None else {}

    def t(self, message: str, /, **values) -> str:
        return t(self.language, message, **values)

    # Arriving and moving by links -------------------------------------------------------
    def arrive(self) -> None:
        """The only typed address: the home page in this person's language."""
        response = self.page.goto(self.site + ("/cy/" if self.language == "cy" else "/"))
        self._arrived(response)

    def click(self, link) -> None:
        """Follow a link (a Playwright locator) and check the page it leads to."""
        href = link.get_attribute("href")
        with self.page.expect_navigation() as navigation:
            link.click()
        self._arrived(navigation.value, f"following {href}")

    def link(self, name, *, within=None):
        """The one link with this accessible name (the first where a page repeats it)."""
        scope = self.page.locator(within) if within else self.page
        if isinstance(name, str):
            return scope.get_by_role("link", name=name, exact=True).first
        return scope.get_by_role("link", name=name).first

    def follow(self, name, *, within=None) -> None:
        self.click(self.link(name, within=within))

    def submit(self, button_name: str, *, timeout: float | None = None) -> None:
        """Send the form by its button; timeout (ms) for a request that does slow work."""
        button = self.page.locator("main").get_by_role("button", name=button_name, exact=True)
        with self.page.expect_navigation(timeout=timeout) as navigation:
            button.click(timeout=timeout)
        self._arrived(navigation.value, f"sending {button_name!r}")

    def sign_in(self, username: str) -> None:
        self.follow(self.t("Sign in"), within="header")
        # From here on this person's own checks; public pages checked so far stay checked.
        self.checked = dict(self.checked)
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        before = dict(self.checked)
        self.submit(self.t("Sign in"))
        if "/two-factor/" in self.page.url:
            # Editors and Administrators then give a code from their authenticator app; the
            # links are checked again once they have (until then staff pages ask for it).
            pass_second_factor(self.page, username)
            self.checked = before
            self.check_links()

    def _arrived(self, response, how: str = "") -> None:
        url = self.page.url
        assert response is not None and response.status == 200, (
            f"{how or 'opening'}: {url} answered {response and response.status}"
        )
        if self.language == "cy":
            assert urlsplit(url).path.startswith("/cy/"), f"{how} left the Welsh pages: {url}"
        self.check_links()

    # Links the person may follow ---------------------------------------------------------
    def check_links(self) -> None:
        """Every link on this page to this site answers the person, without a 403 or a
        detour to a sign-in page (the site's or the admin's). Each address is asked once per
        person."""
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        refused = []
        for href in hrefs:
            url = urldefrag(href).url
            if not url.startswith(self.site + "/") or url in self.checked:
                continue
            response = self.context.request.get(url, max_redirects=0)
            self.checked[url] = response.status
            location = response.headers.get("location", "")
            if response.status in (301, 302, 303, 307, 308):
                if "/sign-in/" in location or "/admin/login/" in location:
                    refused.append(f"{url} sends to {location}")
            elif response.status != 200:
                refused.append(f"{url} answers {response.status}")
        assert not refused, f"Links on {self.page.url} this person may not follow:\n" + "\n".join(
            refused
        )
