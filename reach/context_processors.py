from django.conf import settings
from django.urls import translate_url


def findability(request):
    """The page's canonical address and its address in each language (for <link rel=canonical>,
    hreflang alternates and Open Graph). The query string is left out: filters and pages of a
    list are the same page to a search engine."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    path = request.path
    return {
        "canonical_url": base + path,
        "language_alternates": [(code, base + translate_url(path, code)) for code, _name in settings.LANGUAGES],
        "default_language_url": base + translate_url(path, settings.LANGUAGE_CODE),
    }
