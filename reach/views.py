from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

# Pages that are private, personal or endless for a crawler. Everything else may be indexed.
ROBOTS_DISALLOW = [
    "/beheer/", "/account/", "/helpdesk/volg/", "/helpdesk/wachtrij/", "/helpdesk/mijn-vragen/",
    "/helpdesk/doorverwijzingen/", "/helpdesk/doorverwijzen/", "/menukaart/gedeeld/", "/menukaart/mijn-menukaart/",
    "/en/beheer/", "/en/account/", "/en/helpdesk/", "/en/menukaart/gedeeld/", "/en/menukaart/mijn-menukaart/",
]  # fmt: skip


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.PORTAL_BASE_URL.rstrip('/')}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
