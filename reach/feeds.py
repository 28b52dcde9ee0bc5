"""Atom feeds for partners' newsletters and feed readers: new and updated measures (all, or one
theme), published practice examples (newest change first) and the public events (soonest first).
Published content only.

Django writes each description as Atom's <summary type="html">: a feed reader decodes the XML and
then renders the text as HTML. The descriptions are therefore escaped here first (plain text in,
HTML out); otherwise markup typed into a measure or a story sent in would reach the reader as markup.
Titles are Atom text constructs (no type attribute) and are not escaped twice."""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from communities.models import Event, Meeting
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
        return escape(item.summary)


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
        return linebreaks(item.what_they_did, autoescape=True)


class EventFeed(PortalFeed):
    """/feeds/agenda/ and /feeds/agenda/<theme>/: what is coming, for partners' newsletters: the
    public dates (21 maart, Diversity Day, the impact meeting) and the public meetings of listed
    networks, soonest first. A theme feed holds the meetings of networks on that theme (public
    dates have no theme)."""

    def get_object(self, request, theme: str | None = None):
        return get_object_or_404(Theme, slug=theme) if theme else None

    def title(self, theme):
        if theme:
            return _("Werkagenda VIA: bijeenkomsten over %(theme)s") % {"theme": theme.name}
        return _("Werkagenda VIA: openbare agenda")

    def link(self, theme):
        return reverse("communities:calendar")

    def subtitle(self, theme):
        return _("Openbare bijeenkomsten van de doe-netwerken en andere datums van de Werkagenda VIA.")

    def items(self, theme):
        since = timezone.now() - timedelta(hours=12)  # today's meeting stays in until the evening
        meetings = Meeting.objects.public().filter(starts_at__gte=since).select_related("network")
        if theme:
            meetings = meetings.filter(network__themes=theme).distinct()
        items = list(meetings.order_by("starts_at")[:FEED_SIZE])
        if theme is None:
            items += list(Event.objects.filter(starts_at__gte=since).order_by("starts_at")[:FEED_SIZE])
        return sorted(items, key=lambda item: item.starts_at)[:FEED_SIZE]

    def item_title(self, item):
        when = date_format(timezone.localtime(item.starts_at), "j F Y")
        if isinstance(item, Meeting):
            title = f"{when}: {item.title} ({item.network.name})"
            return _("Afgelast: %(title)s") % {"title": title} if item.cancelled_at else title
        return f"{when}: {item.title}"

    def item_description(self, item):
        start = timezone.localtime(item.starts_at)
        if isinstance(item, Event) and item.all_day:
            when = date_format(start, "l j F Y")
        else:
            when = date_format(start, "l j F Y, H:i")
            if item.ends_at:
                when += "–" + date_format(timezone.localtime(item.ends_at), "H:i")
        place = item.location or (_("Online") if isinstance(item, Meeting) and item.online_url else "")
        text = item.agenda if isinstance(item, Meeting) else item.description
        # The entry's text is HTML to a feed reader: escaped, with its paragraphs and line breaks.
        return linebreaks("\n\n".join(part for part in (when, place, text) if part), autoescape=True)

    def item_link(self, item) -> str:
        if isinstance(item, Event):
            return item.url or self._calendar_url(item)
        return super().item_link(item)

    def item_guid(self, item) -> str:
        return super().item_link(item) if isinstance(item, Meeting) else self._calendar_url(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at if isinstance(item, Meeting) else None

    def _calendar_url(self, item) -> str:
        return settings.PORTAL_BASE_URL.rstrip("/") + reverse("communities:calendar") + f"#datum-{item.pk}"
