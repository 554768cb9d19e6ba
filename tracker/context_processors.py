from django.urls import translate_url
from django.utils.translation import get_language


def language_switch(request):
    """The same page in the other language, for the link every page carries."""
    current = get_language() or "en"
    other = "en" if current.startswith("cy") else "cy"
    url = translate_url(request.path, other)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return {
        "other_language": {
            "code": other,
            "url": url,
            # Each language's name in itself, so a reader finds their own language.
            "name": "Cymraeg" if other == "cy" else "English",
        }
    }
