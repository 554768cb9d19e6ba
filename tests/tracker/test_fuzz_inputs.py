"""No input ever gives a 500. The test follows links from each person's start page, as they
would, and drives every form and query parameter it finds with hypothesis-generated input:
NaN, infinities, NUL, huge numbers, impossible dates and very long strings among them."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.crawl import crawl
from tests.factories import UserFactory, owner_of

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

NASTY = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e309",
    "-1",
    "0",
    "9" * 400,
    "\x00",
    "a\x00b",
    "2024-02-30",
    "31",
    "13",
    "99999",
    "0001",
    "２０２５",
    "=cmd|'/c calc'!A1",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "../../etc/passwd",
    "//evil.example/",
    "x" * 20_000,
    "𝔚ŵŷ",
]
VALUES = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))


def _fuzz_one(client, method: str, path: str, fields: tuple[str, ...], failures: list) -> None:
    names = [*fields, "page", "plan", "q", "format"]

    @settings(
        max_examples=6,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({name: VALUES for name in names}))
    def one(data):
        send = client.post if method == "post" else client.get
        response = send(path, data)
        if response.status_code >= 500:
            failures.append((method, path, {k: v[:60] for k, v in data.items()}))

    one()


def _fuzz(client, targets):
    failures = []
    for method, path, fields in targets:
        _fuzz_one(client, method, path, fields, failures)
    return failures


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # a crash is a 500 here, and it is reported below
    return client


@pytest.mark.parametrize("role", ["anonymous", "editor", "owner", "sig"])
def test_no_input_on_any_form_or_query_gives_a_500(client, real_plan, role):
    from actions.models import Organisation

    people = {
        "editor": lambda: UserFactory(role="Editor"),
        "owner": lambda: owner_of(Organisation.objects.get(slug="heiw")),
        "sig": lambda: UserFactory(role="SIG member"),
    }
    start = "/"
    if role != "anonymous":
        client.force_login(people[role]())
        start = "/staff/start/"
    english, welsh = crawl(client, start), crawl(client, "/cy/", within="/cy/")
    assert not english.failures + welsh.failures
    targets = sorted(english.targets | welsh.targets)
    assert len(targets) >= 5, targets  # the crawl found the forms, or this test proves nothing
    failures = _fuzz(client, targets)
    assert not failures, failures[:10]
