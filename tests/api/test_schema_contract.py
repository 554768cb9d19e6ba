"""Schemathesis against /api/v1/openapi.json through the Django WSGI app: every operation,
with generated parameters, must answer as the schema says (status, content type, headers,
body) and never 500.

Each operation gets EXAMPLES generated cases, plus schemathesis' own boundary cases; the data
is the real 2024 to 2027 plan with approved and unapproved updates, published and unpublished
reports and decisions (tests/api/public_fixtures.py), so no list is empty.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.public_fixtures import public_records

EXAMPLES = 30


@pytest.fixture
def api_schema(db, real_plan):
    from django.core import signals
    from django.db import close_old_connections

    from tracker.wsgi import application

    public_records(real_plan)
    # As Django's test client does: a request through the real WSGI handler must not close
    # the connection that holds the test's transaction (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _operations(schema) -> list:
    operations = []
    for result in schema.get_all_operations():
        operations.append(result.ok())
    return operations


def test_every_operation_answers_as_its_schema_says(api_schema):
    failures = {}
    operations = _operations(api_schema)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        try:
            check()
        except Exception as failure:  # noqa: BLE001 - every operation's failure is reported
            failures[operation.label] = failure
    assert len(operations) == 13
    assert not failures, "\n\n".join(f"{label}:\n{f}" for label, f in failures.items())


def test_the_schema_covers_every_collection(api_schema):
    paths = set(api_schema.raw_schema["paths"])
    for name in ("plans", "themes", "actions", "indicators", "reports", "decisions"):
        assert f"/api/v1/{name}/" in paths
    assert len([p for p in paths if "{" in p]) == 6
