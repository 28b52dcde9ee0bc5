from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from reach.models import ShortLink, ShortLinkDailyOpens
from reach.qr import qr_png, qr_svg

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


@require_GET
def short_link(request, code: str):
    """/k/<code>/: count the open (per day, nothing about the visitor) and go to the target."""
    link = get_object_or_404(ShortLink, code=code, is_active=True)
    ShortLinkDailyOpens.record(link)
    return redirect(link.target)


@require_GET
@permission_required("reach.view_shortlink", raise_exception=True)
def short_link_qr(request, code: str, kind: str):
    """The QR code of a short link, for editors (Beheer links here), as a download."""
    link = get_object_or_404(ShortLink, code=code)
    if kind == "svg":
        response = HttpResponse(qr_svg(link.public_url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(link.public_url), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="qr-{link.code}.{kind}"'
    return response
