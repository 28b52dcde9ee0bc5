"""Embeds for partner sites: a measures widget (by theme, with a search box that opens the portal)
that a partner places on its own pages with one <iframe>, no third-party code.

Framing is allowed only here, and only for the partner sites in EMBED_FRAME_ANCESTORS; every
other page keeps `frame-ancestors 'none'` and X-Frame-Options: DENY.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from menukaart.models import Measure, Theme

WIDGET_MAX_ITEMS = 10


def embeddable(view):
    """Let the listed partner origins (and this site) frame the view's page."""

    @xframe_options_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        ancestors = " ".join(["'self'", *settings.EMBED_FRAME_ANCESTORS])
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "frame-ancestors 'none'", f"frame-ancestors {ancestors}"
        )
        return response

    return wrapper


def _count(raw: str | None) -> int:
    try:
        return min(max(int(raw or 5), 1), WIDGET_MAX_ITEMS)
    except ValueError:
        return 5


@require_GET
@embeddable
def measures_widget(request):
    """/embed/maatregelen/?thema=<slug>&aantal=5: the newest published measures of a theme."""
    theme = Theme.objects.filter(slug=request.GET.get("thema", "")).first()
    measures = Measure.objects.published().for_catalogue()
    if theme:
        measures = measures.filter(themes=theme)
    measures = list(measures.order_by("-published_at", "title")[: _count(request.GET.get("aantal"))])
    return render(request, "reach/embed_measures.html", {"theme": theme, "measures": measures})


@require_GET
def embed_guide(request):
    """How a partner embeds the widget, with a live preview (framed by this site itself)."""
    themes = Theme.objects.order_by("position", "name")
    base_url = settings.PORTAL_BASE_URL.rstrip("/")
    return render(request, "reach/embed_guide.html", {"themes": themes, "base_url": base_url})
