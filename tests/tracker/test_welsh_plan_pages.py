"""The Welsh pages of the 2024–27 plan read in Welsh once load_plan has loaded its Welsh file.

Issue 14: Welsh must not be treated less favourably than English. The expected Welsh comes from
fixtures/plan-2024-2027.cy.json itself, and the English share is measured on the rendered pages:
words of visible text inside lang="en" against all visible words.
"""

import json
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from actions.models import Action, DeliveryPlan, WelshTranslationStatus
from measures.models import Indicator
from tests.conftest import ROOT
from tests.tracker.welsh_share import page_words
from themes.models import Theme

WELSH = json.loads((ROOT / "fixtures" / "plan-2024-2027.cy.json").read_text(encoding="utf-8"))
NOTICE_ID = 'id="welsh-translation-notice"'
MAX_ENGLISH_SHARE = 0.05
# Actions 2 and 17 have sub-points; 1 and 41 are the first and last.
ACTION_NUMBERS = (1, 2, 17, 41)
# 1.1 has a single baseline; 1.5 has breakdowns with labels of their own.
INDICATOR_CODES = ("1.1", "1.5")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _welsh_by(items: list[dict], key: str) -> dict:
    return {item[key]: item for item in items}


def _plan_pages() -> list[tuple[str, str, list[str]]]:
    """(name, Welsh URL, Welsh texts of the fixture that page must show) for the plan's pages."""
    themes = _welsh_by(WELSH["themes"], "number")
    actions = _welsh_by(WELSH["plan"]["actions"], "number")
    indicators = _welsh_by(WELSH["plan"]["indicators"], "code")
    plan = WELSH["plan"]
    with translation.override("cy"):
        pages = [
            ("home", reverse("home"), [plan["title"], themes[1]["title"], themes[7]["ambition"]]),
            ("themes index", reverse("themes:list"), [t["title"] for t in themes.values()]),
            ("actions list", reverse("actions:list"), [actions[1]["text"]]),
            (
                "indicators list",
                reverse("measures:list"),
                [i["statement"] for i in indicators.values()],
            ),
        ]
        for theme in Theme.objects.order_by("number"):
            cy = themes[theme.number]
            own_actions = [a["text"] for a in plan["actions"] if _theme_of(a) == theme.number]
            pages.append(
                (
                    f"theme {theme.number}",
                    theme.get_absolute_url(),
                    [cy["title"], cy["ambition"], *own_actions],
                )
            )
        for number in ACTION_NUMBERS:
            action = Action.objects.get(plan__slug=plan["slug"], number=number)
            cy = actions[number]
            pages.append(
                (f"action {number}", action.get_absolute_url(), [cy["text"], *cy["sub_points"]])
            )
        for code in INDICATOR_CODES:
            theme_number, position = (int(part) for part in code.split("."))
            indicator = Indicator.objects.get(theme__number=theme_number, position=position)
            cy = indicators[code]
            texts = [cy["statement"], *(b["source"] for b in cy.get("baselines", []))]
            texts += [d["label"] for d in cy.get("breakdowns", [])]
            pages.append((f"indicator {code}", indicator.get_absolute_url(), texts))
    return pages


def _theme_of(welsh_action: dict) -> int:
    # The Welsh file holds texts only: an action's theme comes from the English document.
    return _ENGLISH_THEMES[welsh_action["number"]]


_ENGLISH_THEMES = {
    a["number"]: a["theme"]
    for a in json.loads((ROOT / "fixtures" / "plan-2024-2027.json").read_text(encoding="utf-8"))[
        "plan"
    ]["actions"]
}


@pytest.mark.django_db
def test_welsh_plan_pages_show_the_welsh_text_with_under_5_percent_english(real_plan, client):
    shares, missing = {}, []
    for name, url, texts in _plan_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        words = page_words(response.content.decode())
        shares[name] = words.english_share
        missing += [(name, text) for text in texts if _flat(text) not in words.text]
    print("English share of visible words:", {k: f"{v:.2%}" for k, v in shares.items()})
    assert not missing, f"Welsh text not shown: {missing}"
    over = {name: f"{share:.1%}" for name, share in shares.items() if share >= MAX_ENGLISH_SHARE}
    assert not over, f"English is 5% or more of the visible words on {over}"
    # The 7 themes, 4 actions, 2 indicators and 4 lists: a short walk means a page was skipped.
    assert len(shares) == 7 + len(ACTION_NUMBERS) + len(INDICATOR_CODES) + 4


@pytest.mark.django_db
def test_without_the_welsh_file_the_same_pages_are_largely_english(no_plan, client):
    """The measure above can fail: the plan loaded without its Welsh falls back to English."""
    call_command("load_plan", "--without-welsh", stdout=open(os.devnull, "w"))  # noqa: SIM115
    shares = {}
    for name, url, _texts in _plan_pages():
        shares[name] = page_words(client.get(url).content.decode()).english_share
    assert all(share >= MAX_ENGLISH_SHARE for share in shares.values()), shares


@pytest.mark.django_db
def test_the_translation_notice_shows_on_welsh_plan_pages_only(real_plan, client):
    assert real_plan.welsh_translation_status == WelshTranslationStatus.TRACKER
    theme = Theme.objects.get(number=3)
    action = Action.objects.get(plan=real_plan, number=17)
    for language, shown in (("en", False), ("cy", True)):
        with translation.override(language):
            urls = [reverse("home"), theme.get_absolute_url(), action.get_absolute_url()]
        for url in urls:
            assert url.startswith("/cy/") == shown
            assert (NOTICE_ID in client.get(url).content.decode()) == shown, url


@pytest.mark.django_db
def test_the_notice_goes_once_the_welsh_is_reviewed(real_plan, client):
    DeliveryPlan.objects.filter(pk=real_plan.pk).update(
        welsh_translation_status=WelshTranslationStatus.REVIEWED
    )
    with translation.override("cy"):
        url = reverse("home")
    assert NOTICE_ID not in client.get(url).content.decode()


def test_the_measure_counts_words_inside_lang_en_only():
    words = page_words(
        '<html lang="cy"><head><title>English title</title><style>p {}</style></head><body>'
        '<p>Un dau <span lang="en">three four</span> pump<br>chwech</p>'
        "<script>var english = 1;</script></body></html>"
    )
    assert (words.welsh, words.english) == (["Un", "dau", "pump", "chwech"], ["three", "four"])
    assert words.english_share == pytest.approx(2 / 6)
