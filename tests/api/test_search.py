"""/search/?q= finds each kind of public record, in both languages, with the words marked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.public_fixtures import PUBLIC_DECISION, public_records


@pytest.fixture
def records(real_plan):
    return public_records(real_plan)


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_morale_finds_indicator_1_1_in_both_languages(client, real_plan, prefix):
    indicator = real_plan.indicators.get(theme__number=1, position=1)
    response = client.get(f"{prefix}/search/", {"q": "morale"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{prefix}/indicators/{indicator.pk}/"' in html
    assert "<mark>" in html


def test_english_search_marks_the_matching_words(client, real_plan):
    html = client.get("/search/", {"q": "morale"}).content.decode()
    assert "feel <mark>morale</mark> is good" in html


def test_only_the_matching_words_are_marked():
    from api.search_views import highlight

    marked = highlight("Work on workforce plans, morâl & <b>", "workforce morale plan")
    assert marked == (
        "Work on <mark>workforce</mark> <mark>plans</mark>, <mark>morâl</mark> &amp; &lt;b&gt;"
    )


def test_welsh_search_marks_the_welsh_word(client, real_plan):
    html = client.get("/cy/search/", {"q": "morâl"}).content.decode()
    assert "<mark>morâl</mark>" in html


def test_every_kind_is_found_and_grouped(client, records):
    html = client.get("/search/", {"q": "recruitment"}).content.decode()
    assert 'id="results-decisions"' in html and PUBLIC_DECISION.split()[0] in html
    assert 'id="results-actions"' in html
    html = client.get("/search/", {"q": "morale survey"}).content.decode()
    assert 'id="results-progress"' in html
    html = client.get("/search/", {"q": "workforce"}).content.decode()
    assert 'id="results-themes"' in html


def test_drafts_and_internal_decisions_are_not_found(client, records):
    html = client.get("/search/", {"q": "SECRET"}).content.decode()
    assert "<mark>" not in html and 'id="results-' not in html
    assert "0 results" in html


def test_an_empty_query_shows_the_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "results" not in response.content.decode().split("</form>")[1]


@pytest.mark.parametrize("query", ["x" * 1000, "staff\x01morale", "a\x00b"])
def test_a_bad_query_gets_a_clear_message(client, db, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert 'class="app-error-message"' in response.content.decode()


def test_search_takes_a_fixed_number_of_queries(client, records):
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "workforce"})
    with CaptureQueriesContext(connection) as many:
        client.get("/search/", {"q": "the"})
    assert len(few) == len(many)
