"""The Atom feed of public events (and per theme), read back by a real feed parser; meeting pages
carry schema.org Event data."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from reach.templatetags.reach import structured_data
from tests.communities.factories import EventFactory, MeetingFactory, NetworkFactory
from tests.menukaart.factories import ThemeFactory

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def agenda(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    network = NetworkFactory(slug="objectief-werven", name="Objectief werven")
    network.themes.add(theme)
    other = NetworkFactory(slug="ander-netwerk", name="Ander netwerk")
    soon = timezone.now() + timedelta(days=3)
    public = MeetingFactory(network=network, title="Open bijeenkomst", is_public=True, starts_at=soon)
    MeetingFactory(network=network, title="Alleen voor leden", is_public=False)
    MeetingFactory(network=NetworkFactory(is_listed=False), title="Besloten netwerk", is_public=True)
    MeetingFactory(network=other, title="Bij een ander thema", is_public=True)
    MeetingFactory(network=network, title="Lang geleden", is_public=True,
                   starts_at=timezone.now() - timedelta(days=40))  # fmt: skip
    EventFactory(title="Internationale dag tegen racisme", starts_at=timezone.now() + timedelta(days=1))
    EventFactory(title="Diversity Day", url="https://www.diversityday.example/",
                 starts_at=timezone.now() + timedelta(days=90))  # fmt: skip
    return {"public": public}


def test_the_events_feed_holds_public_dates_and_meetings_soonest_first(agenda, client):
    response = client.get("/feeds/agenda/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert titles[0].endswith("Internationale dag tegen racisme")
    assert titles[1].endswith("Open bijeenkomst (Objectief werven)")
    assert titles[-1].endswith("Diversity Day")
    assert not any("leden" in t or "Besloten" in t or "Lang geleden" in t for t in titles)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    meeting = feed.entries[1]
    assert meeting.link.startswith("http") and meeting.link.endswith(agenda["public"].get_absolute_url())
    assert feed.entries[-1].link == "https://www.diversityday.example/"
    assert "Den Haag" in meeting.summary
    assert all(entry.get("updated") for entry in feed.entries)


def test_a_theme_feed_holds_the_meetings_of_networks_on_that_theme(agenda, client):
    feed = feedparser.parse(client.get("/feeds/agenda/werving/").content)
    assert not feed.bozo
    assert [entry.title.split(": ", 1)[1] for entry in feed.entries] == ["Open bijeenkomst (Objectief werven)"]
    assert "Werving en selectie" in feed.feed.title
    assert client.get("/feeds/agenda/bestaat-niet/").status_code == 404


def test_a_cancelled_meeting_says_so(agenda, client):
    agenda["public"].cancelled_at = timezone.now()
    agenda["public"].save()
    titles = [entry.title for entry in feedparser.parse(client.get("/feeds/agenda/").content).entries]
    assert any(t.startswith("Afgelast:") and "Open bijeenkomst" in t for t in titles)


def test_a_public_meeting_page_carries_schema_org_event_data_and_a_members_only_one_none(agenda, client):
    html = client.get(agenda["public"].get_absolute_url()).content.decode()
    data = json.loads(JSONLD.search(html).group(1))
    assert data["@type"] == "Event" and data["name"] == "Open bijeenkomst"
    assert data["location"]["name"] == "Den Haag"
    assert data["eventStatus"].endswith("EventScheduled")
    assert data["startDate"] == agenda["public"].starts_at.isoformat()
    assert structured_data(MeetingFactory(is_public=False)) == ""


def test_the_calendar_page_links_the_feed(agenda, client):
    html = client.get("/doe-netwerken/agenda/").content.decode()
    assert 'href="/feeds/agenda/"' in html
    assert 'id="datum-' in html
