"""Additions to the generated OpenAPI schema that hold for every operation.

drf-spectacular documents each view's own answer; what every answer shares is added here in
one place, so the schema and the answers cannot drift apart: the licence Link header and the
ETag on 200, 304 for a matching If-None-Match, 400 for a bad parameter, 404, and 429 with
Retry-After when the anonymous rate limit is reached.
"""

from django import forms

from actions.filters import MAX_SEARCH_WORDS

MAX_SEARCH_LENGTH = 200

_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_FIELD_ERRORS = {
    "type": "object",
    "description": "Each bad parameter, with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
_LINK = {
    "description": 'The open data licence: `<https://...>; rel="license"`.',
    "schema": {"type": "string"},
    "required": True,
}
_ETAG = {
    "description": "Send it back in If-None-Match: 304 while the data is unchanged.",
    "schema": {"type": "string"},
    "required": True,
}


def _json(schema: dict, description: str, headers: dict | None = None) -> dict:
    answer = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        answer["headers"] = headers
    return answer


COMMON_RESPONSES = {
    "304": {"description": "Not modified: the ETag sent in If-None-Match is still current."},
    "400": _json(_FIELD_ERRORS, "A parameter is not valid."),
    "404": _json(_DETAIL, "No such record, or no such page of results."),
    "429": _json(
        _DETAIL,
        "Too many requests from this address: wait the number of seconds in Retry-After.",
        {
            "Retry-After": {
                "description": "Seconds to wait before the next request.",
                "schema": {"type": "integer"},
                "required": True,
            }
        },
    ),
}


def document_common_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    for path, path_item in result.get("paths", {}).items():
        for operation in path_item.values():
            filterset = _filtersets().get(path)
            if filterset is not None:
                _document_filters(operation, filterset)
            responses = operation.setdefault("responses", {})
            ok = responses.get("200")
            if ok is not None:
                ok.setdefault("headers", {}).update({"Link": _LINK, "ETag": _ETAG})
            for status, answer in COMMON_RESPONSES.items():
                responses.setdefault(status, answer)
    return result


def _filtersets() -> dict:
    from actions.filters import ActionFilter
    from api.views import IndicatorFilter

    return {"/api/v1/actions/": ActionFilter, "/api/v1/indicators/": IndicatorFilter}


# `q` as the FilterSet takes it: at most 200 characters and 10 words. The server takes any
# text within those limits; the schema describes words of letters, digits and punctuation,
# since JSON Schema's patterns and Python disagree on what whitespace is.
_SEARCH = {
    "type": "string",
    "maxLength": MAX_SEARCH_LENGTH,
    "pattern": f"^([A-Za-z0-9\u00c0-\u017f'.,()-]+ ?){{0,{MAX_SEARCH_WORDS}}}$",
}


def _document_filters(operation: dict, filterset) -> None:
    """Each filter's parameter with the values the FilterSet accepts, read from its form when
    the schema is served: unknown plans, themes or owners get 400, so the schema lists them."""
    form = filterset(data={}).form
    for parameter in operation.get("parameters", []):
        field = form.fields.get(parameter["name"]) if parameter["in"] == "query" else None
        if field is None:
            continue
        if parameter["name"] == "q":
            parameter["schema"] = dict(_SEARCH)
        elif isinstance(field, forms.ModelChoiceField):
            values = field.queryset.values_list(field.to_field_name, flat=True)
            parameter["schema"] = {"type": "string", "enum": sorted({str(v) for v in values})}
        elif isinstance(field, forms.ChoiceField):
            values = [str(value) for value, _label in field.choices if value]
            parameter["schema"] = {"type": "string", "enum": values}
