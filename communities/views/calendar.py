"""The public events calendar and the iCalendar feeds (RFC 5545, written with the icalendar package)."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Calendar
from icalendar import Event as ICalEvent

from communities.models import Event, Meeting, Network

FEED_DAYS_BACK = 90


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Werkagenda VIA//Doe-netwerken//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _meeting_event(meeting: Meeting, stamp) -> ICalEvent:
    event = ICalEvent()
    event.add("uid", f"bijeenkomst-{meeting.pk}@werkagenda-via")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.title} ({meeting.network.name})")
    url = _absolute(meeting.get_absolute_url())
    event.add("url", url)
    description = meeting.agenda or ""
    if meeting.online_url:
        description = f"{description}\n\n{_('Online deelnemen')}: {meeting.online_url}".strip()
    event.add("description", f"{description}\n\n{url}".strip())
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.cancelled_at:
        event.add("status", "CANCELLED")
    return event


def _public_event(item: Event, stamp) -> ICalEvent:
    event = ICalEvent()
    event.add("uid", f"datum-{item.pk}@werkagenda-via")
    event.add("dtstamp", stamp)
    if item.all_day:
        start = timezone.localtime(item.starts_at).date()
        end = timezone.localtime(item.ends_at).date() if item.ends_at else start
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))
    else:
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at or item.starts_at + timedelta(hours=1))
    event.add("summary", item.title)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    return event


def _feed_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def public_feed(request):
    """Every public date: the fixed ones (impact meeting, 21 maart, Diversity Day) and the public
    meetings of listed networks, from three months back."""
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    stamp = timezone.now()
    calendar = _calendar(_("Werkagenda VIA: openbare agenda"))
    for item in Event.objects.filter(starts_at__gte=since):
        calendar.add_component(_public_event(item, stamp))
    for meeting in Meeting.objects.public().filter(starts_at__gte=since).select_related("network"):
        calendar.add_component(_meeting_event(meeting, stamp))
    return _feed_response(calendar, "werkagenda-via.ics")


@require_GET
def network_feed(request, slug):
    """A network's public meetings (a calendar app fetches this without logging in)."""
    network = get_object_or_404(Network.objects.listed(), slug=slug)
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    stamp = timezone.now()
    calendar = _calendar(network.name)
    for meeting in Meeting.objects.public().filter(network=network, starts_at__gte=since).select_related("network"):
        calendar.add_component(_meeting_event(meeting, stamp))
    return _feed_response(calendar, f"{network.slug}.ics")


@require_GET
def calendar(request):
    """The public events calendar page: what the feed holds, from today."""
    now = timezone.now()
    items = [
        {"title": e.title, "starts_at": e.starts_at, "ends_at": e.ends_at, "all_day": e.all_day,
         "location": e.location, "url": e.url, "description": e.description, "network": None}
        for e in Event.objects.upcoming(since=now)
    ] + [
        {"title": m.title, "starts_at": m.starts_at, "ends_at": m.ends_at, "all_day": False,
         "location": m.location or (_("Online") if m.online_url else ""), "url": m.get_absolute_url(),
         "description": "", "network": m.network}
        for m in Meeting.objects.public().upcoming(since=now).select_related("network")
    ]  # fmt: skip
    items.sort(key=lambda item: item["starts_at"])
    return render(request, "communities/calendar.html", {"items": items})
