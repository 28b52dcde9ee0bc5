"""The doe-netwerken in the portal search: listed networks (with their published lessons) and public meetings.

Members-only content never reaches the index: unlisted networks, meetings that are not announced
publicly or are cancelled, unpublished lessons.
"""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communities import services
from sitesearch.indexing import reindex_all
from sitesearch.models import Kind, SearchDocument
from tests.communities.factories import LessonFactory, MeetingFactory, NetworkFactory
from tests.menukaart.factories import ThemeFactory

pytestmark = pytest.mark.django_db
URL = reverse("sitesearch:search")


def found(client, text: str, **params) -> list[tuple[str, str]]:
    response = client.get(URL, {"q": text, **params})
    assert response.status_code == 200
    return [(result["document"].kind, result["document"].title) for result in response.context["results"]]


def test_a_listed_network_is_found_by_its_name_summary_and_description(client):
    network = NetworkFactory(
        name="Inclusief werven in de zorg",
        summary="Zorgwerkgevers delen wat werkt bij werving.",
        description="We bespreken statushouders en taaleisen.",
    )
    assert found(client, "zorgwerkgevers") == [(Kind.NETWORK, "Inclusief werven in de zorg")]
    assert found(client, "taaleisen") == [(Kind.NETWORK, "Inclusief werven in de zorg")]
    document = SearchDocument.objects.get(kind=Kind.NETWORK, object_id=network.pk)
    assert document.url == network.get_absolute_url()


def test_an_unlisted_network_is_not_found_and_unlisting_removes_it(client):
    NetworkFactory(name="Besloten kring loonkloof", is_listed=False)
    listed = NetworkFactory(name="Open netwerk loonkloof")
    assert found(client, "loonkloof") == [(Kind.NETWORK, "Open netwerk loonkloof")]
    listed.is_listed = False
    listed.save()
    assert found(client, "loonkloof") == []
    assert not SearchDocument.objects.filter(kind=Kind.NETWORK).exists()


def test_published_lessons_count_for_their_network_and_unpublished_ones_do_not(client):
    network = NetworkFactory(name="Netwerk werving")
    lesson = LessonFactory(
        network=network, title="Hoofddoek in de selectie", body="Kledingvoorschriften zijn zelden nodig."
    )
    assert found(client, "kledingvoorschriften") == []
    services.set_lesson_published(lesson=lesson, published=True)
    assert found(client, "kledingvoorschriften") == [(Kind.NETWORK, "Netwerk werving")]
    lesson.delete()
    assert found(client, "kledingvoorschriften") == []


def test_public_meetings_of_listed_networks_are_found_with_their_date_and_network(client):
    network = NetworkFactory(name="Netwerk werving")
    meeting = MeetingFactory(
        network=network,
        title="Anoniem solliciteren in de praktijk",
        is_public=True,
        starts_at=datetime(2027, 3, 15, 13, tzinfo=UTC),
        ends_at=datetime(2027, 3, 15, 15, tzinfo=UTC),
        location="Utrecht",
    )
    MeetingFactory(network=network, title="Anoniem solliciteren: alleen leden", is_public=False)
    assert found(client, "anoniem solliciteren", soort=Kind.MEETING) == [
        (Kind.MEETING, "Anoniem solliciteren in de praktijk")
    ]
    document = SearchDocument.objects.get(kind=Kind.MEETING)
    assert document.url == meeting.get_absolute_url()
    assert document.summary == "15 maart 2027 · Netwerk werving · Utrecht"


def test_a_meeting_leaves_the_index_when_cancelled_or_when_its_network_is_unlisted(client):
    network = NetworkFactory(name="Netwerk werving")
    cancelled = MeetingFactory(network=network, title="Vlootschouw samen oefenen", is_public=True)
    kept = MeetingFactory(network=network, title="Vlootschouw in de zorg", is_public=True)
    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    assert [title for _kind, title in found(client, "vlootschouw")] == ["Vlootschouw in de zorg"]
    network.is_listed = False
    network.save()
    assert found(client, "vlootschouw") == []
    kept.refresh_from_db()
    assert not SearchDocument.objects.filter(kind=Kind.MEETING, object_id=kept.pk).exists()


def test_networks_and_their_meetings_take_the_networks_themes_from_either_side(client):
    werving = ThemeFactory(slug="werving", name="Werving")
    network = NetworkFactory(name="Netwerk mentoring")
    MeetingFactory(network=network, title="Mentoring voor starters", is_public=True)
    network.themes.add(werving)
    response = client.get(URL, {"q": "mentoring", "thema": "werving"})
    assert {result["document"].kind for result in response.context["results"]} == {Kind.NETWORK, Kind.MEETING}
    werving.networks.clear()
    assert found(client, "mentoring", thema="werving") == []
    werving.networks.add(network)
    assert len(found(client, "mentoring", thema="werving")) == 2


def test_deleting_a_network_removes_it_and_its_meetings_from_the_index(client):
    network = NetworkFactory(name="Netwerk intervisie")
    MeetingFactory(network=network, title="Intervisie over leiderschap", is_public=True)
    LessonFactory(network=network, title="Intervisie werkt", published_at=timezone.now())
    assert SearchDocument.objects.filter(kind__in=[Kind.NETWORK, Kind.MEETING]).count() == 2
    network.delete()
    assert not SearchDocument.objects.filter(kind__in=[Kind.NETWORK, Kind.MEETING]).exists()


def test_reindex_all_includes_networks_and_meetings():
    network = NetworkFactory()
    MeetingFactory(network=network, is_public=True)
    MeetingFactory(network=network, is_public=False)
    SearchDocument.objects.all().delete()
    assert reindex_all() == 2
    assert set(SearchDocument.objects.values_list("kind", flat=True)) == {Kind.NETWORK, Kind.MEETING}
