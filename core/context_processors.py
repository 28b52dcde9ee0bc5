from django.conf import settings
from django.urls import translate_url


def portal(request):
    """Values every page template needs: the site name and the current navigation section."""
    match = getattr(request, "resolver_match", None)
    return {
        "portal_name": "Werkagenda VIA",
        "nav_section": match.namespace if match else "",
        "portal_debug": settings.DEBUG,
        # Where the language form returns to. Django's set_language view runs in the default
        # language, so it cannot resolve an /en/... address and would keep it: hand it the
        # address in the default language, which it can translate to any language.
        "language_next": translate_url(request.get_full_path(), settings.LANGUAGE_CODE),
    }
