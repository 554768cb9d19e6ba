"""Status and target date: the rules beside the status enum, and no way around the review."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ProgressUpdate
from actions.quarters import quarter_of
from actions.services import update_submit
from actions.status import ActionStatus, status_needs_reason
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

S = ActionStatus


@pytest.mark.parametrize(
    ("current", "new", "needs"),
    [
        # A first update: "No update yet" is no better than anything, but a delay needs saying.
        (S.NO_UPDATE, S.SIGNIFICANT_DELAYS, True),
        (S.NO_UPDATE, S.MINOR_DELAYS, True),
        (S.NO_UPDATE, S.NOT_STARTED, False),
        (S.NO_UPDATE, S.ON_TRACK, False),
        (S.NO_UPDATE, S.COMPLETE, False),
        # Later updates: worse needs a reason, the same or better does not.
        (S.ON_TRACK, S.MINOR_DELAYS, True),
        (S.ON_TRACK, S.NOT_STARTED, True),
        (S.MINOR_DELAYS, S.SIGNIFICANT_DELAYS, True),
        (S.COMPLETE, S.ON_TRACK, True),
        (S.SIGNIFICANT_DELAYS, S.SIGNIFICANT_DELAYS, False),
        (S.SIGNIFICANT_DELAYS, S.ON_TRACK, False),
        (S.MINOR_DELAYS, S.NOT_STARTED, False),
        # Closing always needs a reason.
        (S.NO_UPDATE, S.CLOSED, True),
        (S.ON_TRACK, S.CLOSED, True),
    ],
)
def test_when_a_status_needs_a_reason(current, new, needs):
    assert status_needs_reason(current, new) is needs


@pytest.fixture
def action_35(real_plan):
    return Action.objects.select_related("plan").get(plan=real_plan, number=35)


@pytest.fixture
def ciw_owner(action_35):
    return owner_of(action_35.owners.get(organisation__slug="care-inspectorate-wales").organisation)


def _form(action, **overrides) -> dict:
    data = {
        "base_version": action.version,
        "status": "significant_delays",
        "status_reason_en": "",
        "summary_en": "Principles drafted; consultation paused.",
        "summary_cy": "",
        "next_steps_en": "",
        "internal_note": "",
        "evidence_links": "",
        "quarter": quarter_of(timezone.localdate()).code,
        "revised_target_date": "",
        "date_change_reason_en": "",
    }
    data.update(overrides)
    return data


def test_first_update_reporting_a_delay_is_refused_without_a_reason(client, action_35, ciw_owner):
    assert action_35.status == ActionStatus.NO_UPDATE
    client.force_login(ciw_owner)
    url = f"/staff/actions/{action_35.plan.slug}/35/update/"
    response = client.post(url, _form(action_35))
    assert response.status_code == 400
    assert "Say why the action has “Significant delays”" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    response = client.post(url, _form(action_35, status_reason_en="Consultation paused."))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().status_reason == "Consultation paused."


def test_first_update_on_track_needs_no_reason(client, action_35, ciw_owner):
    client.force_login(ciw_owner)
    response = client.post(
        f"/staff/actions/{action_35.plan.slug}/35/update/", _form(action_35, status="on_track")
    )
    assert response.status_code == 302


# The admin ----------------------------------------------------------------------------------


class _FormValues(HTMLParser):
    """The values a browser would post from the page's main form."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._selected: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.append((name, ""))
        elif tag == "select" and name:
            self._select, self._selected = name, None
        elif tag == "option" and self._select and ("selected" in a or self._selected is None):
            self._selected = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            name, value = self.values[-1]
            self.values[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            # A browser drops the newline that follows <textarea>.
            name, value = self.values[-1]
            self.values[-1] = (name, value.removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select:
            self.values.append((self._select, self._selected or ""))
            self._select = None


def _page_form(client, url: str) -> dict:
    parser = _FormValues()
    parser.feed(client.get(url).content.decode())
    data: dict = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def admin_user(real_plan):
    return User.objects.create_superuser("root-admin", "root@example.org", "a-strong-pass-123")


def test_admin_change_form_cannot_set_status_or_target_date(client, real_plan, admin_user):
    action = Action.objects.get(plan=real_plan, number=1)
    before = (action.status, action.target_date, action.version)
    client.force_login(admin_user)
    url = reverse("admin:actions_action_change", args=[action.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="target_date"' not in page
    data = _page_form(client, url)
    assert data["text_en"] == [action.text_en]
    # Forged fields, as someone might post them by hand, plus a real change of wording.
    data.update(
        status=["complete"],
        target_date=["2030-01-01"],
        version=["99"],
        text_cy=["Cefnogi cyflogwyr."],
        _save=["Save"],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    action.refresh_from_db()
    assert action.text_cy == "Cefnogi cyflogwyr."  # the form did save
    assert (action.status, action.target_date, action.version) == before


def test_reverting_an_action_in_the_admin_history_keeps_its_reviewed_status(
    client, real_plan, admin_user
):
    action = Action.objects.get(plan=real_plan, number=1)
    first_record = action.history.earliest()
    editor = UserFactory(role="Editor")
    update_submit(
        action=action,
        user=editor,
        data={"status": "complete", "summary_en": "Done.", "quarter": "2025-Q1"},
        base_version=action.version,
        approve=True,
    )
    action.refresh_from_db()
    after_review = (action.status, action.target_date, action.version)
    assert action.status == ActionStatus.COMPLETE
    client.force_login(admin_user)
    url = reverse("admin:actions_action_simple_history", args=[action.pk, first_record.pk])
    data = _page_form(client, url)
    data["_save"] = ["Save"]
    response = client.post(url, data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.target_date, action.version) == after_review
