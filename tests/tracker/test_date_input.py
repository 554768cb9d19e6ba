"""The GOV.UK date input used for every date in the staff forms."""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms

from actions.models import Action
from core.forms import DateField, GovukForm
from tests.factories import UserFactory


class _Form(GovukForm):
    when = DateField(label="When", help_text="For example, 31 3 2025.")


def _errors(data: dict) -> list[str]:
    form = _Form(data)
    assert not form.is_valid()
    return form.errors["when"]


def test_a_real_date_is_read_from_day_month_and_year():
    form = _Form({"when_day": "7", "when_month": "03", "when_year": "2025"})
    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2025, 3, 7)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2025", "The date must be a real date"),
        ("30", "13", "2025", "The date must be a real date"),
        ("0", "1", "2025", "The date must be a real date"),
        ("x", "1", "2025", "The date must be a real date"),
        ("1", "1", "25", "The year must include 4 numbers"),
        ("1", "", "2025", "The date must include a day, a month and a year"),
        ("", "", "", "Enter a date"),
        ("1", "1", "99999999999999999999", "The year must include 4 numbers"),
    ],
)
def test_each_way_a_date_fails_has_its_own_message(day, month, year, message):
    assert _errors({"when_day": day, "when_month": month, "when_year": year}) == [message]


def test_an_iso_date_in_the_field_name_still_works_for_links():
    form = _Form({"when": "2025-03-31"})
    assert form.is_valid() and form.cleaned_data["when"] == datetime.date(2025, 3, 31)
    assert _errors({"when": "2025-02-31"}) == ["The date must be a real date"]


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_renders_three_labelled_numeric_boxes_in_a_fieldset_with_a_legend():
    form = _Form({"when_day": "31", "when_month": "2", "when_year": "2025"})
    html = str(form["when"].as_field_group())
    parser = _Inputs()
    parser.feed(html)
    inputs = [attrs for tag, attrs in parser.tags if tag == "input"]
    labels = [attrs["for"] for tag, attrs in parser.tags if tag == "label"]
    assert [i["name"] for i in inputs] == ["when_day", "when_month", "when_year"]
    assert all(i["type"] == "text" and i["inputmode"] == "numeric" for i in inputs)
    assert labels == [i["id"] for i in inputs]
    assert "<legend" in html and 'type="date"' not in html
    fieldset = next(attrs for tag, attrs in parser.tags if tag == "fieldset")
    assert fieldset["aria-describedby"] == "id_when_helptext id_when_error"
    assert 'id="id_when_helptext"' in html and 'id="id_when_error"' in html
    assert [i["value"] for i in inputs] == ["31", "2", "2025"]  # kept to correct


def test_every_date_in_the_staff_forms_uses_the_day_month_year_input():
    from actions.forms import ProgressUpdateForm
    from reports.forms import ReportRequestForm
    from sig.views import SinceForm

    checked = 0
    for form_class in (ProgressUpdateForm, ReportRequestForm, SinceForm):
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField | DateField):
                assert isinstance(field, DateField), (form_class.__name__, name)
                checked += 1
    assert checked == 3


@pytest.mark.django_db
def test_impossible_revised_target_date_is_refused_beside_the_field(client, real_plan):
    from django.utils import timezone

    from actions.quarters import quarter_of

    action = Action.objects.get(plan=real_plan, number=20)
    client.force_login(UserFactory(role="Editor"))
    response = client.post(
        "/staff/actions/2024-2027/20/update/",
        {
            "base_version": action.version,
            "status": "on_track",
            "summary_en": "Going well.",
            "quarter": quarter_of(timezone.localdate()).code,
            "revised_target_date_day": "31",
            "revised_target_date_month": "2",
            "revised_target_date_year": "2026",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_revised_target_date_error"' in body
    assert "The date must be a real date" in body
    assert 'href="#id_revised_target_date_0"' in body
