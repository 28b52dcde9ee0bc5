"""Atom feeds for partners' newsletters and feed readers: new and updated measures (all, or one
theme) and published practice examples. Published content only, newest change first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from menukaart.models import Example, Measure, Theme

FEED_SIZE = 30


class PortalFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Werkagenda VIA portaal"

    def item_link(self, item) -> str:
        return settings.PORTAL_BASE_URL.rstrip("/") + item.get_absolute_url()

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.published_at


class MeasureFeed(PortalFeed):
    """/feeds/maatregelen/ and /feeds/maatregelen/<theme>/."""

    def get_object(self, request, theme: str | None = None):
        return get_object_or_404(Theme, slug=theme) if theme else None

    def title(self, theme):
        if theme:
            return _("Menukaart: nieuwe en bijgewerkte maatregelen over %(theme)s") % {"theme": theme.name}
        return _("Menukaart: nieuwe en bijgewerkte maatregelen")

    def link(self, theme):
        return "/menukaart/" + (f"?thema={theme.slug}" if theme else "")

    def subtitle(self, theme):
        return _("Maatregelen die werken voor gelijke kansen en culturele diversiteit op het werk.")

    def items(self, theme):
        measures = Measure.objects.published().only("slug", "title", "summary", "published_at", "updated_at")
        if theme:
            measures = measures.filter(themes=theme)
        return measures.order_by("-updated_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary


class ExampleFeed(PortalFeed):
    title = _("Goede voorbeelden van werkgevers")
    link = "/menukaart/praktijkvoorbeelden/"
    subtitle = _("Wat werkgevers deden voor gelijke kansen en wat het opleverde.")

    def items(self):
        return (
            Example.objects.published()
            .only("slug", "title", "organisation", "what_they_did", "published_at", "updated_at")
            .order_by("-updated_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.title} ({item.organisation})"

    def item_description(self, item):
        return item.what_they_did
