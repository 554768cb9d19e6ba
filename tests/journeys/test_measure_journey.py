"""Issue 16: an Editor goes by links from the start page to a progress measure, records a
figure, and finds it on the theme page, in English and Welsh."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from measures.models import ProgressMeasure
from tests.factories import UserFactory
from tests.journeys.browsing import Person

WECARE = (
    "We'll report on the reach and engagement levels of each WeCare Wales campaign and on "
    "website users, both unique and return visitors."
)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_editor_records_a_figure_from_the_start_page(site, new_context, language):
    call_command("load_measures", stdout=StringIO())
    UserFactory(username="measures-editor", role="Editor")
    line = ProgressMeasure.objects.get(line__text_en=WECARE).line
    editor = Person(new_context(java_script_enabled=False), site, language)
    editor.arrive()
    editor.sign_in("measures-editor")
    expect(editor.page.locator("main h1")).to_have_text(editor.t("Your actions"))

    editor.follow(editor.t("Record figures and statements against the progress measures"))
    editor.follow(line.text_cy if language == "cy" and line.text_cy else line.text_en)
    editor.follow(editor.t("Record a figure"))
    editor.page.fill("#id_period", "2025")
    editor.page.fill("#id_value", "412345")
    editor.page.fill("#id_unit_en", "unique visitors to the WeCare Wales website")
    editor.page.fill("#id_source_en", "WeCare Wales website analytics")
    editor.page.check("input[name=status][value=final]")
    editor.submit(editor.t("Save figure"))
    expect(editor.page.locator(".app-notification")).to_contain_text(
        editor.t("Saved. It shows on the theme page now.")
    )

    editor.follow(editor.t("See it on the theme %(number)s page", number=2))
    results = editor.page.locator("main .app-measure-results").first
    expect(results).to_contain_text("412,345")
    expect(results).to_contain_text("unique visitors to the WeCare Wales website")
    expect(results).to_contain_text(editor.t("First figure recorded"))
