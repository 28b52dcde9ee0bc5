"""iCalendar feeds, parsed back with the icalendar package, and the public events calendar page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from communities.models import Meeting
from tests.communities.factories import EventFactory, MeetingFactory, NetworkFactory


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_public_feed_holds_fixed_dates_and_public_meetings_only(client, network):
    EventFactory(title="21 maart: Internationale dag tegen racisme en discriminatie")
    EventFactory(title="Diversity Day", starts_at=timezone.now() + timedelta(days=60), all_day=True)
    MeetingFactory(
        network=network,
        is_public=True,
        title="Open bijeenkomst, met komma; en puntkomma",
        online_url="https://meet.example.nl/x",
    )
    MeetingFactory(network=network, is_public=False, title="Besloten bijeenkomst")
    MeetingFactory(network=NetworkFactory(is_listed=False), is_public=True, title="Van een verborgen netwerk")

    calendar = parse(client.get(reverse("communities:public_feed")))
    events = {str(event.get("summary")): event for event in calendar.walk("VEVENT")}

    assert "21 maart: Internationale dag tegen racisme en discriminatie" in events
    assert "Diversity Day" in events
    assert f"Open bijeenkomst, met komma; en puntkomma ({network.name})" in events
    assert not any("Besloten" in title or "verborgen" in title for title in events)
    meeting = Meeting.objects.get(title__startswith="Open")
    event = events[f"Open bijeenkomst, met komma; en puntkomma ({network.name})"]
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert "https://meet.example.nl/x" in str(event.get("description"))
    assert str(event.get("uid")) == f"bijeenkomst-{meeting.pk}@werkagenda-via"
    diversity = events["Diversity Day"]
    assert not hasattr(diversity.decoded("dtstart"), "hour")  # an all-day date


@pytest.mark.django_db
def test_network_feed_can_be_imported(client, network):
    MeetingFactory(network=network, is_public=True, title="Kwartaalbijeenkomst")
    calendar = parse(client.get(reverse("communities:network_feed", args=[network.slug])))
    assert str(calendar.get("x-wr-calname")) == network.name
    [event] = calendar.walk("VEVENT")
    assert str(event.get("summary")).startswith("Kwartaalbijeenkomst")
    # Importing: every event has what a calendar needs.
    for key in ("uid", "dtstamp", "dtstart", "dtend"):
        assert event.get(key) is not None


@pytest.mark.django_db
def test_feed_of_an_unlisted_network_is_a_404(client):
    network = NetworkFactory(is_listed=False)
    assert client.get(reverse("communities:network_feed", args=[network.slug])).status_code == 404


@pytest.mark.django_db
def test_calendar_page_lists_upcoming_public_dates(client, network):
    EventFactory(title="Impactbijeenkomst Werkagenda VIA", all_day=False)
    MeetingFactory(network=network, is_public=True, title="Openbare netwerkdag")
    past = timezone.now() - timedelta(days=3)
    MeetingFactory(
        network=network, is_public=True, title="Al geweest", starts_at=past, ends_at=past + timedelta(hours=1)
    )
    page = client.get(reverse("communities:calendar")).content.decode()
    assert "Impactbijeenkomst Werkagenda VIA" in page and "Openbare netwerkdag" in page
    assert "Al geweest" not in page
