"""Each organisation's page: its actions as lead and partner; the public sees its published
decisions, staff also its internal ones and its overdue items."""

import pytest

from actions.models import ActionOwner
from tests.sig.conftest import record

pytestmark = pytest.mark.django_db


def test_the_page_lists_what_it_leads_and_supports(client, people, real_plan):
    heiw = people["heiw"]
    body = client.get(f"/organisations/{heiw.slug}/").content.decode()
    for owner in ActionOwner.objects.filter(organisation=heiw, action__plan=real_plan):
        assert owner.action.get_absolute_url() in body
    leads = ActionOwner.objects.filter(organisation=heiw, role="lead", action__plan=real_plan)
    partners = ActionOwner.objects.filter(organisation=heiw, role="partner", action__plan=real_plan)
    assert f'id="lead">Actions it leads ({leads.count()})' in body
    assert f'id="partner">Actions it supports as a partner ({partners.count()})' in body
    assert leads.exists()  # the page is not vacuously right


def test_the_public_sees_only_published_decisions_staff_see_internal_and_overdue(
    client, meeting, people
):
    internal = record(meeting, people["sig"], organisation=people["heiw"], is_public=False, days=-3)
    url = f"/organisations/{people['heiw'].slug}/"
    public_body = client.get(url).content.decode()
    assert "Report on widening access" not in public_body
    assert 'id="overdue"' not in public_body
    client.force_login(people["sig"])
    staff_body = client.get(url).content.decode()
    assert "Report on widening access" in staff_body
    assert f"/staff/decisions/{internal.pk}/" in staff_body[staff_body.index('id="overdue"') :]


def test_the_owner_finds_their_organisations_page_from_their_start_page(client, people):
    client.force_login(people["owner"])
    assert f"/organisations/{people['heiw'].slug}/" in client.get("/staff/").content.decode()
