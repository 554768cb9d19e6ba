"""The themes index: every theme of the strategy, each with its action count as a link."""

import json
import re
from collections import Counter

import pytest

from tests.conftest import PLAN_FIXTURE
from tests.plan_source import source_actions

pytestmark = pytest.mark.django_db


def _source_theme_titles() -> dict[int, str]:
    themes = json.loads(PLAN_FIXTURE.read_text(encoding="utf-8"))["themes"]
    return {theme["number"]: theme["title"] for theme in themes}


def test_themes_index_lists_every_theme_with_its_action_count_from_the_plan_text(client, real_plan):
    titles = _source_theme_titles()
    per_theme = Counter(theme for theme, _period, _number in source_actions())
    assert len(titles) == 7 and sum(per_theme.values()) == 41

    response = client.get("/themes/")
    assert response.status_code == 200
    body = response.content.decode()
    for number, title in titles.items():
        assert f'<a href="/themes/{number}/">Theme {number}: {title}</a>' in body
        count = per_theme[number]
        link = re.search(rf'<a href="/actions/\?theme={number}">(\d+) actions? in', body)
        assert link and int(link[1]) == count, number
        # The count links to a list that shows the same count.
        listing = client.get(f"/actions/?theme={number}").content.decode()
        assert re.search(rf"\b{count} actions? found\.", listing), number


def test_themes_index_has_a_welsh_twin_and_is_linked_from_every_page(client, real_plan):
    assert client.get("/cy/themes/").status_code == 200
    home = client.get("/").content.decode()
    assert 'href="/themes/"' in home
    theme = client.get("/themes/2/").content.decode()
    assert '<a href="/themes/">Themes</a>' in theme  # breadcrumb back to the index
