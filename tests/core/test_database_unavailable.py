"""With the database unavailable: /healthz answers 503, pages a bilingual 503 page and the
JSON endpoints a JSON 503 (core/error_pages.py), never a 500 that blames the service."""

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def _database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def database_down():
    # Every query on every connection fails, as when the server is down.
    with connections["default"].execute_wrapper(_database_down):
        yield


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # see the page a person would see
    return client


def test_healthz_says_unavailable(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.parametrize("path", ["/", "/cy/", "/actions/", "/cy/actions/"])
def test_pages_answer_a_bilingual_503(client, database_down, path):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert "Sorry, the service is unavailable" in body
    assert '<div lang="cy">' in body and "nid yw’r gwasanaeth ar gael" in body


@pytest.mark.parametrize("path", ["/data/actions.json", "/data/indicators.json"])
def test_json_endpoints_answer_json_503(client, database_down, path):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "unavailable"


@pytest.mark.parametrize(("path", "kind"), [("/", "text/html"), ("/data/actions.json", "json")])
def test_other_errors_are_still_500(rf, path, kind):
    from core.error_pages import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get(path))
    assert response.status_code == 500
    assert kind in response["Content-Type"]
