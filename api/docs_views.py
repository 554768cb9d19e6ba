"""The API's entry point and its human documentation.

The documentation is Swagger UI from drf-spectacular-sidecar, served from our own static files
with a start-up script of our own (static/api/docs.js): no inline script or style, so it runs
under the site's Content Security Policy unchanged.
"""

import hashlib
import json

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.licence import licence

ENDPOINTS = ("plans", "themes", "actions", "indicators", "reports", "decisions")


class ApiRoot(APIView):
    """The list of the API's collections, its schema, its documentation and its licence."""

    @extend_schema(
        responses=inline_serializer(
            "ApiRoot",
            {
                "collections": serializers.DictField(child=serializers.CharField()),
                "schema": serializers.CharField(),
                "documentation": serializers.CharField(),
                "field_reference": serializers.CharField(),
                "licence": inline_serializer(
                    "Licence",
                    {
                        "name": serializers.CharField(),
                        "title": serializers.CharField(),
                        "path": serializers.CharField(),
                    },
                ),
            },
        )
    )
    def get(self, request):
        body = {
            "collections": {name: reverse(f"api:{name}-list") for name in ENDPOINTS},
            "schema": reverse("api:schema"),
            "documentation": reverse("api-docs"),
            "field_reference": reverse("open-data"),
            "licence": licence(),
        }
        response = Response(body)
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:40]
        response["ETag"] = f'"{digest}"'
        return response


@require_safe
def api_docs(request):
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": _("Not found.")}, status=404)
