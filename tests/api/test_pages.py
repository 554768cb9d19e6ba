"""/open-data/ and /api/v1/docs/ in both languages, under the site's strict CSP."""

import re

import pytest


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_open_data_page_renders_the_field_reference(client, db, prefix, settings, monkeypatch):
    # The headings' Welsh comes from the catalogue; one stands in for it here.
    monkeypatch.setattr("api.open_data_page.HEADINGS", {"Open data": "Data agored"})
    response = client.get(f"{prefix}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="app-prose" lang="en">' in html
    assert "<table>" in html and "<code>actions.json</code>" in html
    assert f'href="{settings.OPEN_DATA_LICENCE_URL}" rel="license"' in html
    assert html.count("<h1") == 1
    if prefix:
        assert "/data/open-data.zip" in html
        # A heading with a Welsh translation is shown in Welsh, marked as Welsh.
        assert re.search(r'<h3 id="open-data" lang="cy">Data agored', html)


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_api_docs_run_from_our_own_files_under_the_csp(client, db, prefix):
    response = client.get(f"{prefix}/api/v1/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="/static/' in attributes for attributes in scripts)
    assert 'data-schema-url="/api/v1/openapi.json"' in html
    assert "swagger-ui-bundle.js" in html
