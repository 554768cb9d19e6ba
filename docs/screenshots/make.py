"""Screenshots of each role's start page, in English and Welsh, at 1280 and 390 pixels wide.

Run it against a running server that has the demo accounts (`manage.py setup_demo` prints
their passwords), with Debian's Chromium and the Playwright package from the test
dependencies:

    python docs/screenshots/make.py http://127.0.0.1:8000 \\
        --editor demo-editor:PASSWORD --owner demo-owner:PASSWORD --sig demo-sig:PASSWORD

Each person reaches their start page as a person would: the home page, the header's
"Sign in" link, then the page signing in lands on; the Welsh page is the one the header's
language link leads to. The PNGs are written beside this script as
<role>-start-<language>-<width>.png (the public's start page is the home page). Each shows
the first screen, what a person sees on arriving; --full-page takes the whole page instead.
"""

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
# Width and height of each window: a laptop, and a phone (390 by 844 CSS pixels).
WINDOWS = ((1280, 900), (390, 844))
ROLES = ("public", "owner", "editor", "sig")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def account(value: str) -> tuple[str, str]:
    username, separator, password = value.partition(":")
    if not (username and separator and password):
        raise argparse.ArgumentTypeError("give the account as USERNAME:PASSWORD")
    return username, password


def start_page(page, base: str, credentials: tuple[str, str] | None) -> None:
    page.goto(base + "/")
    if credentials is None:
        return
    page.locator("header").get_by_role("link", name="Sign in", exact=True).click()
    page.fill("#id_username", credentials[0])
    page.fill("#id_password", credentials[1])
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    if "/sign-in/" in page.url:
        raise SystemExit(f"Could not sign in as {credentials[0]}: check the password.")


def shoot(browser, base, role, credentials, window, full_page, out_dir) -> list[Path]:
    width, height = window
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    start_page(page, base, credentials)
    written = []
    for language in ("en", "cy"):
        if language == "cy":
            with page.expect_navigation():
                page.locator("header a[hreflang=cy]").click()
        out = out_dir / f"{role}-start-{language}-{width}.png"
        page.screenshot(path=str(out), full_page=full_page)
        written.append(out)
    context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the server's address, for example http://127.0.0.1:8000")
    for role in ROLES[1:]:
        parser.add_argument(f"--{role}", type=account, required=True, metavar="USER:PASSWORD")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not one screen")
    parser.add_argument("--out", type=Path, default=HERE, help="the folder for the PNGs")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    options = parser.parse_args()
    base = options.base.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=CHROMIUM_ARGS)
        for role in ROLES:
            credentials = getattr(options, role, None)
            for window in WINDOWS:
                for path in shoot(
                    browser, base, role, credentials, window, options.full_page, options.out
                ):
                    print(path)
        browser.close()


if __name__ == "__main__":
    main()
