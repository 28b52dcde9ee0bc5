from django.conf import settings


def portal(request):
    """Values every page template needs: the site name and the current navigation section."""
    match = getattr(request, "resolver_match", None)
    return {
        "portal_name": "Werkagenda VIA",
        "nav_section": match.namespace if match else "",
        "portal_debug": settings.DEBUG,
    }
