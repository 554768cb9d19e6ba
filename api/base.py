"""What every API view shares: the language, ETags and the licence.

The API's addresses are outside i18n_patterns, where LocaleMiddleware always chooses English,
so the view chooses: `?lang=cy` first, then the Accept-Language header.
"""

import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from core.open_data import FORMAT_VERSION, data_version

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def request_language(request) -> str:
    """`?lang=` when given (an unknown one is refused), else the best of Accept-Language."""
    asked = request.query_params.get("lang")
    if asked is not None:
        if asked not in LANGUAGES:
            raise ValidationError(
                {"lang": [_("Use one of: {languages}.").format(languages=", ".join(LANGUAGES))]}
            )
        return asked
    header = request.headers.get("Accept-Language", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, anonymous, in the asked language, with an ETag per version of the data.

    `sources` are the models (each with history) whose rows the answers show, as for the open
    data exports (core.open_data): a change to any of them changes every ETag.
    """

    sources: tuple = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def _etag(self, request) -> str:
        query = sorted(request.query_params.lists())
        token = repr(
            (FORMAT_VERSION, "api", request.path, query, translation.get_language(),
             data_version(self.sources))
        )  # fmt: skip
        return f'"{hashlib.sha256(token.encode()).hexdigest()[:40]}"'

    def _conditional(self, request, answer, *args, **kwargs):
        etag = self._etag(request)
        response = get_conditional_response(request._request, etag=etag)
        if response is None:
            response = answer(request, *args, **kwargs)
        response["ETag"] = etag
        return response

    def list(self, request, *args, **kwargs):
        return self._conditional(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._conditional(request, super().retrieve, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, no_cache=True)
        return response
