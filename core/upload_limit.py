"""A body over the upload limit gets a clear page in the reader's language before any view
reads it, so nothing is half-saved (settings.MAX_UPLOAD_BYTES)."""

from django.conf import settings
from django.shortcuts import render


def too_large(request):
    limit_mb = settings.MAX_UPLOAD_BYTES / (1024 * 1024)
    return render(request, "413.html", {"limit_mb": f"{limit_mb:g}"}, status=413)


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES:
            return too_large(request)
        return self.get_response(request)
