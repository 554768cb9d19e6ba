"""The open data licence: one setting, stated in the API, datapackage.json and a Link header."""

from django.conf import settings

# Every address whose answer is open data (the API's docs page included: it documents them).
OPEN_DATA_PREFIXES = ("/data/", "/api/v1/", "/feeds/", "/cy/feeds/")


def licence() -> dict:
    """The licence as the API and datapackage.json state it."""
    return {
        "name": settings.OPEN_DATA_LICENCE_NAME,
        "title": settings.OPEN_DATA_LICENCE_TITLE,
        "path": settings.OPEN_DATA_LICENCE_URL,
    }


def licence_link() -> str:
    return f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'


class LicenceLinkMiddleware:
    """Adds `Link: <licence>; rel="license"` to every open data answer, whichever app made it,
    so no export can leave it out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(OPEN_DATA_PREFIXES) and "Link" not in response:
            response["Link"] = licence_link()
        return response
