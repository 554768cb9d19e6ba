"""The risk register: scores, their history, and the dashboard's five highest and overdue."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import EditConflict, NotAllowed
from sig import services
from sig.models import Risk
from sig.selectors import risks_for_dashboard

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _risk(people, *, likelihood, impact, days=30, text="A risk."):
    return services.risk_save(
        user=people["sig"],
        data={
            "description_en": text,
            "likelihood": likelihood,
            "impact": impact,
            "owner": people["heiw"],
            "review_on": TODAY + datetime.timedelta(days=days),
        },
        actions=[],
    )


def test_the_dashboard_shows_the_five_highest_scores_oldest_review_first_on_a_tie(people):
    scores = [(5, 5, 10), (4, 5, 20), (4, 5, 5), (3, 3, 1), (2, 2, 1), (5, 1, 1), (1, 1, -1)]
    risks = [_risk(people, likelihood=li, impact=im, days=d) for li, im, d in scores]
    shown = risks_for_dashboard()
    # 25; then the two 20s, the one reviewed sooner first; then 9; then the 5 and the 4.
    assert [r.pk for r in shown["top"]] == [risks[i].pk for i in (0, 2, 1, 3, 5)]
    assert [r.pk for r in shown["review_due"]] == [risks[6].pk]


def test_each_change_of_score_is_kept_and_a_stale_form_is_refused(people):
    risk = _risk(people, likelihood=2, impact=3)
    data = {"likelihood": 4, "impact": 3}
    risk = services.risk_save(
        user=people["sig"], data=data, actions=[], risk=risk, base_version=risk.version
    )
    assert [h.likelihood * h.impact for h in risk.history.order_by("history_id")] == [6, 12]
    with pytest.raises(EditConflict):
        services.risk_save(user=people["sig"], data=data, actions=[], risk=risk, base_version=0)


def test_a_score_outside_1_to_5_is_refused_and_owners_cannot_record_risks(people):
    with pytest.raises(ValidationError) as refused:
        _risk(people, likelihood=6, impact=1)
    assert "likelihood" in refused.value.message_dict
    with pytest.raises(NotAllowed):
        services.risk_save(user=people["owner"], data={}, actions=[])
    assert not Risk.objects.exists()


def test_the_sig_member_adds_a_risk_by_the_form_and_sees_it_on_the_dashboard(client, people):
    client.force_login(people["sig"])
    response = client.post(
        "/staff/risks/",
        {
            "description_en": "Recruitment campaign funding ends.",
            "action_numbers": "12",
            "likelihood": "4",
            "impact": "5",
            "owner": people["heiw"].pk,
            "review_on_day": "1",
            "review_on_month": "1",
            "review_on_year": "2030",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert [a.number for a in risk.actions.all()] == [12]
    body = client.get("/staff/dashboard/").content.decode()
    assert "Recruitment campaign funding ends." in body
    page = client.get(risk.get_absolute_url())
    assert page.status_code == 200 and "History of its score" in page.content.decode()
