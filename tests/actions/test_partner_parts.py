"""Jointly owned actions: an update may say which organisation's part it reports, and the
action page shows each owner's latest approved word, while the status follows the one rule."""

import datetime
import re

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from actions.imports import updates_import
from actions.models import Action, ActionOwner, Organisation, ProgressUpdate, derived_state
from actions.quarters import quarter_of
from actions.selectors import partner_parts
from actions.services import update_approve, update_submit
from tests.factories import UserFactory, owner_of

pytestmark = pytest.mark.django_db

QUARTER = quarter_of(timezone.localdate()).code


@pytest.fixture
def action_20(real_plan):
    return Action.objects.select_related("plan").get(plan=real_plan, number=20)


@pytest.fixture
def heiw():
    return Organisation.objects.get(slug="heiw")


@pytest.fixture
def scw():
    return Organisation.objects.get(slug="social-care-wales")


@pytest.fixture
def heiw_owner(heiw):
    return owner_of(heiw)


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor")


def _url(action) -> str:
    return f"/staff/actions/{action.plan.slug}/{action.number}/update/"


def _form(action, **overrides) -> dict:
    data = {
        "base_version": action.version,
        "status": "on_track",
        "summary_en": "HEIW's part: the training places are funded.",
        "quarter": QUARTER,
    }
    data.update(overrides)
    return data


def _submit(action, user, *, reports_for=None, approve=True, quarter=QUARTER, **fields):
    action.refresh_from_db()
    data = {"status": "on_track", "summary_en": "Progress.", "quarter": quarter, **fields}
    data["reports_for"] = reports_for
    return update_submit(
        action=action, user=user, data=data, base_version=action.version, approve=approve
    )


def _single_owner_action(plan) -> Action:
    return (
        Action.objects.filter(plan=plan)
        .annotate(owner_count=Count("owners"))
        .filter(owner_count=1)
        .order_by("number")
        .first()
    )


def test_the_form_asks_whose_part_only_for_a_joint_action(
    client, action_20, heiw_owner, heiw, scw, editor, real_plan
):
    client.force_login(heiw_owner)
    page = client.get(_url(action_20)).content.decode()
    assert "Which organisation&#x27;s part does this update report?" in page
    offered = re.findall(r'name="reports_for" value="(\d*)"', page)
    assert sorted(offered) == sorted(["", str(heiw.pk), str(scw.pk)])
    # The owner's own organisation is chosen to start with.
    assert re.search(rf'name="reports_for" value="{heiw.pk}"[^>]*checked', page)

    # An Editor acts for no organisation: nothing is chosen but "The whole action".
    client.force_login(editor)
    page = client.get(_url(action_20)).content.decode()
    assert re.search(r'name="reports_for" value=""[^>]*checked', page)

    single = _single_owner_action(real_plan)
    assert single is not None
    assert 'name="reports_for"' not in client.get(_url(single)).content.decode()


def test_an_owner_reports_their_part_and_the_review_page_shows_it(
    client, action_20, heiw_owner, heiw, editor
):
    client.force_login(heiw_owner)
    response = client.post(_url(action_20), _form(action_20, reports_for=heiw.pk))
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(action=action_20)
    assert update.reports_for == heiw

    client.force_login(editor)
    page = client.get(f"/staff/updates/{update.pk}/").content.decode()
    assert "part it reports" in page
    assert heiw.name in page


def test_an_organisation_that_does_not_own_the_action_is_refused(
    client, action_20, heiw_owner, editor
):
    outsider = Organisation.objects.get(slug="welsh-government")
    client.force_login(heiw_owner)
    response = client.post(_url(action_20), _form(action_20, reports_for=outsider.pk))
    assert response.status_code == 400
    assert "part this update reports from the options shown" in response.content.decode()
    assert not ProgressUpdate.objects.filter(action=action_20).exists()

    # The service refuses it too, naming the field, whoever calls it.
    with pytest.raises(ValidationError) as refused:
        _submit(action_20, editor, reports_for=outsider)
    assert "reports_for" in refused.value.message_dict
    assert "lead or support action 20" in refused.value.message_dict["reports_for"][0]
    assert not ProgressUpdate.objects.filter(action=action_20).exists()


def test_the_action_page_shows_each_owners_latest_word(
    client, action_20, heiw_owner, heiw, scw, editor
):
    earlier = quarter_of(timezone.localdate() - datetime.timedelta(days=92)).code
    _submit(action_20, editor, reports_for=heiw, quarter=earlier, summary_en="HEIW older word.")
    _submit(
        action_20,
        editor,
        reports_for=heiw,
        summary_en="HEIW latest word.",
        internal_note="HEIW SECRET NOTE",
    )
    # Submitted, not approved: not anyone's latest word yet.
    _submit(
        action_20, heiw_owner, reports_for=scw, approve=False, summary_en="Unapproved SCW word."
    )
    # The whole action: nobody's part.
    _submit(action_20, editor, summary_en="Whole action word.")

    page = client.get(action_20.get_absolute_url()).content.decode()
    section = page.split('id="partner-parts"')[1].split('<h2 class="app-heading-l">')[0]
    assert "HEIW latest word." in section
    assert "HEIW older word." not in section
    assert "Unapproved SCW word." not in page
    assert "Whole action word." not in section
    assert "No update about this organisation" in section
    assert "On track" in section
    assert "HEIW SECRET NOTE" not in page
    assert section.index(heiw.name) < section.index("HEIW latest word.")

    parts = {part.organisation: part.update for part in partner_parts(action_20)}
    assert set(parts) == {heiw, scw}
    assert parts[heiw].summary_en == "HEIW latest word."
    assert parts[scw] is None


def test_a_single_owner_action_has_no_partner_section(client, real_plan):
    single = _single_owner_action(real_plan)
    assert partner_parts(single) == []
    assert 'id="partner-parts"' not in client.get(single.get_absolute_url()).content.decode()
    joint = Action.objects.get(plan=real_plan, number=20)
    assert 'id="partner-parts"' in client.get(joint.get_absolute_url()).content.decode()
    assert 'id="partner-parts"' in client.get(f"/cy{joint.get_absolute_url()}").content.decode()


def test_a_partners_part_does_not_bypass_the_status_rule(action_20, heiw, scw, editor):
    now, earlier = (
        QUARTER,
        quarter_of(timezone.localdate() - datetime.timedelta(days=92)).code,
    )
    _submit(action_20, editor, reports_for=scw, status="minor_delays", status_reason_en="Late.")
    # HEIW reports "Complete" for an older quarter, approved later: the latest quarter still
    # decides, whichever organisation's part each update reports.
    _submit(
        action_20,
        editor,
        reports_for=heiw,
        quarter=earlier,
        status="complete",
        status_reason_en="Done.",
    )
    action_20.refresh_from_db()
    approved = list(ProgressUpdate.objects.filter(action=action_20).approved_in_order())
    assert action_20.status == derived_state(action_20, approved)[0] == "minor_delays"
    assert approved[-1].quarter == now

    # A worse status needs its reason, for a partner's part as for the whole action.
    with pytest.raises(ValidationError) as refused:
        _submit(action_20, editor, reports_for=heiw, status="significant_delays")
    assert "status_reason_en" in refused.value.message_dict


def test_approval_of_a_part_update_goes_through_the_editor(action_20, heiw_owner, heiw, editor):
    update = _submit(action_20, heiw_owner, reports_for=heiw, approve=False)
    assert partner_parts(action_20)[0].update is None
    update_approve(update=update, user=editor)
    parts = {part.organisation: part.update for part in partner_parts(action_20)}
    assert parts[heiw] == update


def _dataset(rows: list[dict]) -> tablib.Dataset:
    headers = ["plan", "action", "quarter", "status", "summary_en", "reports_for"]
    return tablib.Dataset(*[[row.get(h, "") for h in headers] for row in rows], headers=headers)


def test_the_updates_import_takes_reports_for(action_20, heiw, editor):
    row = {"plan": "2024-2027", "action": "20", "quarter": QUARTER, "status": "on_track"}
    report = updates_import(
        dataset=_dataset([{**row, "summary_en": "Imported.", "reports_for": "heiw"}]), user=editor
    )
    assert report.ok, report
    assert ProgressUpdate.objects.get(action=action_20).reports_for == heiw

    for value, problem in (("nobody", "not an organisation"), ("welsh-government", "lead or")):
        report = updates_import(dataset=_dataset([{**row, "reports_for": value}]), user=editor)
        assert not report.ok
        assert problem in str(report.errors)
    assert ProgressUpdate.objects.filter(action=action_20).count() == 1


def test_updates_csv_says_whose_part(client, action_20, heiw, editor):
    _submit(action_20, editor, reports_for=heiw, summary_en="Part.")
    _submit(action_20, editor, summary_en="Whole.")
    lines = client.get("/data/updates.csv").content.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[-1] == "reports_for"
    rows = [line for line in lines[1:] if line.startswith("2024-2027,20,")]
    assert [row.rsplit(",", 1)[1] for row in rows] == ["heiw", ""]


def test_owners_of_a_single_owner_action_need_not_choose(client, real_plan):
    single = _single_owner_action(real_plan)
    owner = ActionOwner.objects.filter(action=single).select_related("organisation").get()
    person = owner_of(owner.organisation)
    client.force_login(person)
    response = client.post(_url(single), _form(single))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get(action=single).reports_for is None
