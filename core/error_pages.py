"""The server error page. When the database is what failed, people get a 503 that says the
service is unavailable (and JSON clients a JSON answer), not a 500 that blames the service."""

import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error

from core.upload_limit import too_large


def _wants_json(request) -> bool:
    return request.path.endswith(".json") or request.path.startswith("/api/")


def server_error(request, template_name: str = "500.html") -> HttpResponse:
    # Django calls this while it handles the exception, so the exception is still current.
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        if _wants_json(request):
            response = JsonResponse(
                {"status": "unavailable", "detail": "The database cannot be reached."},
                status=503,
            )
        else:
            # The self-contained bilingual error page, which renders without the database.
            page = loader.get_template("500.html").render({"unavailable": True})
            response = HttpResponse(page, status=503)
        response["Retry-After"] = "60"
        return response
    if _wants_json(request):
        return JsonResponse({"status": "error", "detail": "Server error."}, status=500)
    return django_server_error(request, template_name)


def bad_request(request, exception, template_name: str = "400.html") -> HttpResponse:
    # A body sent without its length is measured as it is read; over the limit, Django stops
    # with RequestDataTooBig, and the person gets the same page as when the length was given.
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    return django_bad_request(request, exception, template_name)
