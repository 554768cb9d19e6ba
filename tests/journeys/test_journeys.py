"""Each role's whole job in a browser, by links only from its start page, in English and Welsh.

Issue 10, "Done when": an owner submits, sees the update pending, gets it back and resubmits;
an Editor reviews with before and after, records a value, builds, previews and publishes a
report; a SIG member reads the dashboard and prints the pack; the public finds and opens the
report. Each person types one address, the home page, and signs in from the header's link.
Every page they reach is checked for links they may not follow (tests/journeys/browsing.py).
"""

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from tests.factories import OrganisationFactory, UserFactory, owner_of
from tests.journeys.browsing import Person, pattern, tn
from tests.journeys.waiting import reload_until

LANGUAGES = ["en", "cy"]

# Counted from the plan's source text, not from the fixture: 25 actions "During 2024" and 16
# "During 2025 to 2027".
PLAN_ACTIONS = 25 + 16

FIRST_SUMMARY = "Recruitment campaign launched in two regions."
SECOND_SUMMARY = "Recruitment campaign launched in two regions: Gwynedd and Powys."
RETURN_COMMENT = "Please name the regions where the campaign runs."
# A year inside the plan (2024 to 2027) whatever the date; the report is as at today, so it
# includes what the Editor approved a moment before.
REPORT_YEAR = 2025


@pytest.fixture
def people(site):
    heiw = OrganisationFactory(slug="heiw")  # the plan's own organisation, loaded by `site`
    return {
        "owner": owner_of(heiw, username="journey-owner"),
        "editor": UserFactory(username="journey-editor", role="Editor"),
        "sig": UserFactory(username="journey-sig", role="SIG member"),
        "organisation": heiw,
    }


def _notification(person: Person, message: str) -> None:
    expect(person.page.locator(".app-notification")).to_contain_text(message)


def _row_of_action(person: Person, number: str):
    """The row for this action in the "All your actions" table."""
    first_cell = person.page.locator("td:first-child", has_text=re.compile(rf"^\s*{number}\s*$"))
    return person.page.locator("main table tbody tr").filter(has=first_cell)


def _summary_value(person: Person, label: str) -> str:
    row = person.page.locator("main .app-summary-list__row").filter(
        has=person.page.locator("dt", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    return row.locator("dd").first.inner_text().strip()


def _start_page(person: Person, heading: str) -> None:
    expect(person.page.locator("main h1")).to_have_text(heading)


def _waiting_for_review_link(person: Person, count: int) -> str:
    return tn(
        person.language,
        "%(counter)s update waiting for review",
        "%(counter)s updates waiting for review",
        count,
    )


# The owner ----------------------------------------------------------------------------------
def owner_submits(owner: Person, username: str) -> dict:
    owner.arrive()
    owner.sign_in(username)
    _start_page(owner, owner.t("Your actions"))
    update_link = owner.link(pattern(owner.language, "Update action %(number)s", number=r"\d+"))
    number = re.search(r"\d+", update_link.inner_text()).group()
    owner.click(update_link)
    expect(owner.page.locator("main h1")).to_have_text(
        owner.t("Update action %(number)s", number=number)
    )
    before = {
        "status": _summary_value(owner, owner.t("Current status")),
        "target": _summary_value(owner, owner.t("Target date")),
    }
    owner.page.get_by_label(owner.t("On track"), exact=True).check()
    owner.page.fill("#id_summary_en", FIRST_SUMMARY)
    owner.submit(owner.t("Submit for review"))

    _notification(owner, owner.t("Update sent for review."))
    expect(_row_of_action(owner, number)).to_contain_text(owner.t("Submitted, awaiting review"))
    # No longer due, and no second update can be started while this one waits.
    expect(
        owner.page.get_by_role(
            "link", name=owner.t("Update action %(number)s", number=number), exact=True
        )
    ).to_have_count(0)
    return {"number": number, **before}


def owner_sees_it_returned_and_resubmits(owner: Person, number: str) -> None:
    owner.follow(owner.t("Your actions"), within="header")
    returned = owner.page.locator("main .app-card")
    expect(returned).to_contain_text(RETURN_COMMENT)
    row = _row_of_action(owner, number)
    expect(row).to_contain_text(owner.t("Returned"))
    expect(row).to_contain_text(RETURN_COMMENT)

    owner.follow(owner.t("Change and resubmit the update on action %(number)s", number=number))
    expect(owner.page.locator("main .app-inset")).to_contain_text(RETURN_COMMENT)
    owner.page.fill("#id_summary_en", SECOND_SUMMARY)
    owner.submit(owner.t("Submit for review"))
    _notification(owner, owner.t("Update sent for review."))
    expect(_row_of_action(owner, number)).to_contain_text(owner.t("Submitted, awaiting review"))


# The Editor ---------------------------------------------------------------------------------
def editor_returns(editor: Person, username: str, number: str) -> None:
    editor.arrive()
    editor.sign_in(username)
    _start_page(editor, editor.t("Your actions"))
    editor.follow(_waiting_for_review_link(editor, 1))
    editor.follow(editor.t("Review the update on action %(number)s", number=number))
    editor.page.get_by_label(editor.t("Return to the owner"), exact=True).check()
    editor.page.fill("#id_comment", RETURN_COMMENT)
    editor.submit(editor.t("Save decision"))
    _notification(editor, editor.t("Update returned to its owner."))


def editor_reviews_resubmission_and_approves(editor: Person, update: dict, organisation) -> None:
    number = update["number"]
    page = editor.page
    editor.follow(editor.t("Your actions"), within="header")
    _start_page(editor, editor.t("Your actions"))
    editor.follow(_waiting_for_review_link(editor, 1))
    queue_row = page.locator("main table tbody tr").filter(
        has=editor.link(editor.t("Review the update on action %(number)s", number=number))
    )
    expect(queue_row).to_contain_text(editor.t("(resubmitted after being returned)"))
    editor.follow(editor.t("Review the update on action %(number)s", number=number))

    # The earlier return, its comment and what changed since.
    earlier = page.locator("main .app-inset")
    expect(earlier).to_contain_text(editor.t("A resubmission of a returned update"))
    expect(earlier).to_contain_text(RETURN_COMMENT)
    changes = page.locator("main table").filter(has=page.locator("#changes-caption"))
    expect(changes).to_contain_text(FIRST_SUMMARY)
    expect(changes).to_contain_text(SECOND_SUMMARY)
    # Status and target date before and after, as the owner saw them on the form.
    before_after = page.locator("main table").filter(has=page.locator("#before-after-caption"))
    status_cells = before_after.locator("tbody tr").nth(0).locator("td")
    expect(status_cells.nth(0)).to_have_text(update["status"])
    expect(status_cells.nth(1)).to_contain_text(editor.t("On track"))
    target_cells = before_after.locator("tbody tr").nth(1).locator("td")
    expect(target_cells.nth(0)).to_have_text(update["target"])
    expect(target_cells.nth(1)).to_contain_text(update["target"])
    with translation.override(editor.language):
        organisation_name = str(organisation.name)
    assert _summary_value(editor, editor.t("Organisation")) == organisation_name

    page.get_by_label(editor.t("Approve"), exact=True).check()
    editor.submit(editor.t("Save decision"))
    _notification(editor, editor.t("Update approved and published."))


def editor_records_a_value(editor: Person) -> None:
    editor.follow(editor.t("Indicators"), within="header")
    editor.follow(re.compile(r"^1\.1 "))
    editor.follow(editor.t("Add a value"))
    editor.page.fill("#id_period", "2025")
    editor.page.fill("#id_value", "67.5")
    editor.page.fill("#id_source_en", "Journey test survey")
    editor.submit(editor.t("Save value"))
    _notification(
        editor, editor.t("Value for %(period)s recorded: %(value)s.", period="2025", value="67.5")
    )
    values = editor.page.locator("main table").filter(
        has=editor.page.locator("#all-values-caption")
    )
    expect(values).to_contain_text("67.5%")


def editor_builds_previews_and_publishes(editor: Person) -> None:
    page = editor.page
    today = timezone.localdate()
    editor.follow(editor.t("Annual report builder"), within="header")
    page.fill("#id_year", str(REPORT_YEAR))
    page.fill("#id_as_at_0", str(today.day))
    page.fill("#id_as_at_1", str(today.month))
    page.fill("#id_as_at_2", str(today.year))
    for code in ("en", "cy"):
        expect(page.locator(f"input[name=languages][value={code}]")).to_be_checked()
    # The request only queues the builds: the session's real worker runs them
    # (tests/a11y/conftest.py), and the run's page says so until they are ready.
    editor.submit(editor.t("Build the report"))
    status = page.locator("main [role=status]")
    expect(status).not_to_contain_text(editor.t("Ready to publish"))
    reload_until(
        status.filter(has_text=editor.t("Ready to publish")), what="the report to be built"
    )
    # The other language's edition may still be building: both are published together.
    both = editor.t(
        "The %(language)s edition for the same date is built too: you preview and publish "
        "both together.",
        language=editor.t("Welsh"),
    )
    reload_until(page.locator("main p", has_text=both), what="the Welsh edition to be built")

    editor.follow(editor.t("Preview and publish"))
    for code, name in (("en", "English"), ("cy", "Welsh")):
        language = editor.t(name)
        editor.follow(editor.t("Preview the web edition in %(language)s", language=language))
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("h1").first).to_be_visible()
        page.go_back()
        pdf = editor.link(
            pattern(
                editor.language,
                "Preview the PDF in %(language)s (%(pages)s pages)",
                language=re.escape(language),
                pages=r"\d+",
            )
        )
        _assert_pdf(editor, pdf.get_attribute("href"))

    page.get_by_label(
        editor.t(
            "I have checked the editions above and understand that publishing cannot be undone"
        )
    ).check()
    editor.submit(tn(editor.language, "Publish this edition", "Publish both editions", 2))
    # The worker makes the final editions; the run's page says when they are public.
    made = tn(
        editor.language,
        "The final edition is being made with its publication date and version. "
        "This page shows when it is public.",
        "The final editions are being made with their publication date and version. "
        "This page shows when they are public.",
        2,
    )
    published = tn(editor.language, "The edition is published.", "Both editions are published.", 2)
    expect(page.locator(".app-notification")).to_contain_text(
        re.compile(f"{re.escape(made)}|{re.escape(published)}")
    )
    reload_until(editor.link(editor.t("Web page")), what="the report to be published")


def _assert_pdf(person: Person, href: str) -> None:
    # The link's own address: a PDF opens as a download, which a page cannot show.
    response = person.context.request.get(href if href.startswith("http") else person.site + href)
    assert response.status == 200, (href, response.status)
    assert response.headers["content-type"] == "application/pdf", href
    assert response.body().startswith(b"%PDF"), href


# The public ---------------------------------------------------------------------------------
def public_finds_and_opens_the_report(public: Person) -> None:
    public.arrive()
    public.follow(public.t("Reports"), within="header")
    title = public.t("Annual progress report %(year)s", year=REPORT_YEAR)
    first = public.link(title)
    # The page's own language is listed first.
    expect(first).to_have_attribute("hreflang", public.language)
    public.click(first)
    expect(public.page.locator("html")).to_have_attribute("lang", public.language)
    public.page.go_back()
    pdf = public.link(pattern(public.language, "PDF, %(pages)s pages", pages=r"\d+"))
    expect(pdf).to_have_attribute("hreflang", public.language)
    _assert_pdf(public, pdf.get_attribute("href"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_owner_and_editor_do_their_jobs_and_the_public_opens_the_report(
    site, new_context, people, language
):
    anonymous_checks: dict[str, int] = {}
    owner, editor, public = (
        Person(new_context(), site, language, anonymous_checks=anonymous_checks) for _ in range(3)
    )

    update = owner_submits(owner, people["owner"].username)
    editor_returns(editor, people["editor"].username, update["number"])
    owner_sees_it_returned_and_resubmits(owner, update["number"])
    editor_reviews_resubmission_and_approves(editor, update, people["organisation"])
    editor_records_a_value(editor)
    editor_builds_previews_and_publishes(editor)
    public_finds_and_opens_the_report(public)


# The SIG member -----------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_sig_member_reads_the_dashboard_and_prints_the_meeting_pack(
    site, new_context, people, language
):
    sig = Person(new_context(), site, language)
    page = sig.page
    sig.arrive()
    sig.sign_in(people["sig"].username)
    _start_page(sig, sig.t("Strategic implementation group dashboard"))

    by_theme = page.locator("main table").filter(has=page.locator("#by-theme-caption"))
    grand_total = by_theme.locator("tfoot td").last.get_by_role("link")
    expect(grand_total).to_have_text(str(PLAN_ACTIONS))
    # A cell of the first theme's row: its list shows the same count.
    cell = by_theme.locator("tbody tr").first.locator("td a").first
    count = int(cell.inner_text())
    sig.click(cell)
    _assert_found(sig, count)

    sig.follow(sig.t("Dashboard"), within="header")
    sig.click(by_theme.locator("tfoot td").last.get_by_role("link"))
    _assert_found(sig, PLAN_ACTIONS)

    sig.follow(sig.t("Dashboard"), within="header")
    sig.follow(sig.t("Printable meeting pack"))
    expect(page.locator("main h1")).to_have_text(
        sig.t("Meeting pack for the strategic implementation group")
    )
    pack_table = page.locator("main table").filter(has=page.locator("#by-theme-caption"))
    expect(pack_table.locator("tfoot td").last).to_have_text(str(PLAN_ACTIONS))


def _assert_found(person: Person, count: int) -> None:
    found = tn(person.language, "%(counter)s action found.", "%(counter)s actions found.", count)
    expect(person.page.locator("#result-count")).to_contain_text(found)
