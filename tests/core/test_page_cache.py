"""Public pages from the cache: by data version, language and address; only for anonymous
readers; with an ETag, `no-cache` and 304s. Static files are immutable."""

import json
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from actions.models import Action
from core.page_cache import STATUS_HEADER, storable
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/themes/1/", "/actions/", "/actions/2024-2027/20/", "/indicators/", "/reports/"]


@pytest.mark.parametrize("path", PAGES + ["/open-data/", "/actions/?status=on_track"])
@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_public_page_is_rendered_once_then_served_from_the_cache(client, real_plan, path, prefix):
    first = client.get(prefix + path)
    second = client.get(prefix + path)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "no-cache" in second["Cache-Control"]
    assert f'lang="{prefix.strip("/") or "en"}"' in second.content.decode()


def test_if_none_match_gets_304_with_the_same_validators(client, real_plan):
    etag = client.get("/actions/")["ETag"]
    again = client.get("/actions/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert "no-cache" in again["Cache-Control"]
    assert client.get("/actions/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_language_and_query_string_are_each_a_page_of_their_own(client, real_plan):
    etags = {
        client.get(path)["ETag"]
        for path in ("/actions/", "/cy/actions/", "/actions/?status=on_track", "/actions/?theme=2")
    }
    assert len(etags) == 4


def test_a_write_changes_the_etag_and_the_page(client, real_plan):
    before = client.get("/actions/2024-2027/20/")
    Action.objects.filter(plan=real_plan, number=20).update(text_en="Words never seen before.")
    after = client.get("/actions/2024-2027/20/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Words never seen before." in after.content.decode()


def test_signed_in_people_bypass_the_cache(client, real_plan):
    anonymous = client.get("/actions/")
    client.force_login(UserFactory(role="SIG member"))
    signed_in = client.get("/actions/", HTTP_IF_NONE_MATCH=anonymous["ETag"])
    assert signed_in.status_code == 200
    assert signed_in[STATUS_HEADER] == "skip"
    assert "ETag" not in signed_in
    assert "private" in signed_in["Cache-Control"]
    # Their own header, not the anonymous page's.
    assert "/sign-out/" in signed_in.content.decode()
    assert "/sign-out/" not in anonymous.content.decode()
    # Signing in never filled the cache for anonymous readers.
    assert "/sign-out/" not in Client().get("/actions/").content.decode()


def test_staff_pages_keep_their_own_rules(client, real_plan):
    client.force_login(UserFactory(role="Editor"))
    response = client.get("/staff/")
    assert response.status_code == 200
    assert "ETag" not in response
    assert response.get(STATUS_HEADER) is None


def test_messages_waiting_in_a_cookie_are_never_served_a_cached_page(client, real_plan):
    client.get("/")
    request = HttpRequest()
    storage = CookieStorage(request)
    response = HttpResponse()
    storage.add(constants.SUCCESS, "Your message was sent.")
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    answer = client.get("/")
    assert answer[STATUS_HEADER] == "skip"


def test_messages_waiting_in_an_anonymous_session_are_never_served_a_cached_page(client, real_plan):
    client.get("/")
    session = client.session
    session["_messages"] = json.dumps([["__json_message", 0, 25, "Sent."]])
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert client.get("/")[STATUS_HEADER] == "skip"
    # The same session without messages (or a session that has ended) is anonymous.
    del session["_messages"]
    session.save()
    assert client.get("/")[STATUS_HEADER] == "hit"
    client.cookies["sessionid"] = "no-such-session"
    assert client.get("/")[STATUS_HEADER] == "hit"


def _stored(response: HttpResponse, method: str = "GET") -> bool:
    return storable(getattr(RequestFactory(), method.lower())("/"), response)


def test_only_responses_the_same_for_every_anonymous_reader_are_stored():
    assert _stored(HttpResponse("page"))
    assert _stored(HttpResponse("page"), "HEAD")
    assert not _stored(HttpResponse("page"), "POST")
    assert not _stored(HttpResponse("gone", status=404))
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    assert not _stored(with_cookie)
    nonce = HttpResponse("page", headers={"Content-Security-Policy": "script-src 'nonce-abc'"})
    assert not _stored(nonce)
    assert not _stored(HttpResponse("page", headers={"Cache-Control": "private"}))
    assert not _stored(HttpResponse("page", headers={"Cache-Control": "no-store"}))
    assert not _stored(HttpResponse("page", headers={"Vary": "Cookie, Authorization"}))
    assert _stored(HttpResponse("page", headers={"Vary": "Cookie, Accept-Language"}))
    csrf_used = RequestFactory().get("/")
    csrf_used.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not storable(csrf_used, HttpResponse("page"))


def test_a_page_with_a_csrf_token_is_not_stored(client, real_plan):
    # The search page has no form posting back; the sign-in page does and is never cached.
    response = client.get("/sign-in/")
    assert response.status_code == 200
    assert response.get(STATUS_HEADER) is None
    assert "ETag" not in response


def test_static_files_have_hashed_names_and_are_immutable(settings, tmp_path):
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    name = next(n for n in manifest if n.endswith(".css") and not n.startswith("admin/"))
    hashed = manifest[name]
    assert re.search(r"\.[0-9a-f]{12}\.css$", hashed)
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    response = middleware(RequestFactory().get(settings.STATIC_URL + hashed))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    plain = middleware(RequestFactory().get(settings.STATIC_URL + name))
    assert "immutable" not in plain["Cache-Control"]


def test_a_cached_page_is_one_query(client, real_plan, django_assert_max_num_queries):
    client.get("/indicators/")
    with django_assert_max_num_queries(1):
        assert client.get("/indicators/")[STATUS_HEADER] == "hit"
