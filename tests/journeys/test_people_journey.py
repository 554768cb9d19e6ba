"""Issue 20, managing people: an Administrator, from their start page and by clicking only,
invites a person to act for HEIW; the real worker emails the link; the person makes their
account with it; the Administrator changes their role, then deactivates them. In English and
in Welsh (tests/journeys/browsing.py checks every link on every page)."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from actions.models import Organisation
from tests.celery_process import wait_for
from tests.factories import UserFactory
from tests.journeys.browsing import Person

LANGUAGES = ["en", "cy"]
NEW_PASSWORD = "a-long-unusual-passphrase-77"


def _notification(person: Person, message: str) -> None:
    expect(person.page.locator(".app-notification")).to_contain_text(message)


def _invitation_link(emails: list[dict], language: str) -> str:
    links = re.findall(r"https?://\S+/people/invitations/[^/\s]+/", emails[-1]["body"])
    welsh = [link for link in links if "/cy/people/" in link]
    english = [link for link in links if "/cy/people/" not in link]
    assert welsh and english, emails[-1]["body"]
    # Welsh first in the email, as the tracker's other emails are.
    assert emails[-1]["body"].index(welsh[0]) < emails[-1]["body"].index(english[0])
    # The worker's SITE_URL is not the live server's address: keep the link's path.
    return urlsplit(welsh[0] if language == "cy" else english[0]).path


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_invites_a_person_then_changes_their_role(
    site, new_context, language, job_worker
):
    heiw = Organisation.objects.get(slug="heiw")
    UserFactory(username="people-admin", role="Administrator", is_staff=True)
    email = f"gwen.{language}@heiw.example"
    username = f"gwen-{language}"
    admin = Person(new_context(), site, language)

    # From the start page to the invitation form, by links.
    admin.arrive()
    admin.sign_in("people-admin")
    expect(admin.page.locator("main h1")).to_have_text(admin.t("Your actions"))
    admin.follow(admin.t("People: invite, change roles, deactivate"))
    expect(admin.page.locator("main h1")).to_have_text(admin.t("People"))
    admin.follow(admin.t("Invite a person"))
    admin.page.fill("#id_email", email)
    admin.page.locator("main").get_by_label(admin.t("Action owner"), exact=True).check()
    admin.page.select_option("#id_organisation", value=str(heiw.pk))
    admin.submit(admin.t("Send the invitation"))
    _notification(admin, admin.t("Invitation sent to %(email)s.", email=email))
    expect(admin.page.locator("main table")).to_contain_text(email)

    # The worker emails the link; the person opens it and makes their account.
    assert wait_for(job_worker.outbox, timeout=60), "The worker sent no invitation email."
    link = _invitation_link(job_worker.outbox(), language)
    invited = Person(new_context(), site, language)
    invited._arrived(invited.page.goto(site + link), "opening the emailed link")
    invited.page.fill("#id_username", username)
    invited.page.fill("#id_password1", NEW_PASSWORD)
    invited.page.fill("#id_password2", NEW_PASSWORD)
    invited.submit(invited.t("Create my account"))
    expect(invited.page.locator("main h1")).to_have_text(invited.t("Your account is ready"))
    person = User.objects.get(username=username)
    assert list(person.groups.values_list("name", flat=True)) == ["Action owner"]
    assert person.membership.organisation == heiw

    # Back on the People page, the Administrator makes them a SIG member, then deactivates them.
    admin.follow(admin.t("People"), within="main nav, .app-breadcrumbs")
    admin.follow(username)
    expect(admin.page.locator("main h1")).to_have_text(username)
    admin.page.locator("main").get_by_label(
        admin.t("Strategic implementation group member")
    ).check()
    admin.submit(admin.t("Save the role and organisation"))
    _notification(admin, admin.t("Role and organisation saved."))
    assert list(person.groups.values_list("name", flat=True)) == ["SIG member"]
    admin.submit(admin.t("Deactivate the account"))
    _notification(admin, admin.t("Account deactivated."))
    expect(admin.page.locator("main dl")).to_contain_text(admin.t("Deactivated"))
    person.refresh_from_db()
    assert not person.is_active
