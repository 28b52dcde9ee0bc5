"""The open-data API's doe-netwerken, public meetings and public dates: public ones only, in the
OpenAPI document, filterable, cacheable (304), in a constant number of queries."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator

from menukaart.models import Status
from tests.communities.factories import EventFactory, MeetingFactory, NetworkFactory
from tests.menukaart.factories import ExampleFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "api:network-list": "PaginatedNetworkList",
    "api:meeting-list": "PaginatedMeetingList",
    "api:event-list": "PaginatedEventList",
}


@pytest.fixture
def agenda(db, abu):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    listed = NetworkFactory(slug="objectief-werven", name="Objectief werven", host_organisation=abu)
    listed.themes.add(theme)
    listed.examples.add(ExampleFactory(slug="gepubliceerd"), ExampleFactory(slug="concept", status=Status.CONCEPT))
    hidden = NetworkFactory(slug="besloten-netwerk", is_listed=False)
    other = NetworkFactory(slug="ander-netwerk")
    public = MeetingFactory(
        network=listed, title="Open bijeenkomst", is_public=True, online_url="https://meet.example/geheim"
    )
    MeetingFactory(network=listed, title="Alleen voor leden", is_public=False)
    MeetingFactory(network=hidden, title="Openbaar maar besloten netwerk", is_public=True)
    later = MeetingFactory(network=other, title="Later", is_public=True, starts_at=timezone.now() + timedelta(days=60))
    event = EventFactory(title="21 maart")
    return {"theme": theme, "listed": listed, "public": public, "later": later, "event": event}


@pytest.fixture
def openapi(client):
    return client.get(reverse("api:openapi")).json()


def test_the_openapi_document_describes_networks_meetings_and_dates(openapi):
    for path in ("/api/v1/doe-netwerken/", "/api/v1/bijeenkomsten/", "/api/v1/openbare-datums/",
                 "/api/v1/doe-netwerken/{slug}/", "/api/v1/bijeenkomsten/{id}/"):  # fmt: skip
        assert path in openapi["paths"], path


@pytest.mark.parametrize("name,schema", LISTS.items())
def test_every_list_matches_its_schema(name, schema, agenda, openapi, client):
    response = client.get(reverse(name))
    assert response.status_code == 200
    errors = list(
        Draft202012Validator({**openapi, "$ref": f"#/components/schemas/{schema}"}).iter_errors(response.json())
    )
    assert not errors, errors[0]
    assert response.json()["count"] >= 1


def test_only_public_networks_meetings_and_published_examples_appear(agenda, client):
    body = json.dumps([client.get(reverse(name)).json() for name in LISTS])
    assert "objectief-werven" in body and "Open bijeenkomst" in body and "21 maart" in body
    assert "besloten-netwerk" not in body and "Alleen voor leden" not in body
    assert "Openbaar maar besloten netwerk" not in body
    assert "meet.example" not in body  # the online link is for members
    network = client.get(reverse("api:network-detail", args=["objectief-werven"])).json()
    assert network["examples"] == ["gepubliceerd"]
    assert network["host_organisation"] == {"slug": "abu", "name": "ABU"}
    assert network["region"]["code"] == "landelijk"
    assert network["calendar_url"].endswith("/doe-netwerken/objectief-werven/agenda.ics")
    assert client.get(reverse("api:network-detail", args=["besloten-netwerk"])).status_code == 404
    meeting = client.get(reverse("api:meeting-detail", args=[agenda["public"].pk])).json()
    assert meeting["network"] == "objectief-werven" and meeting["online"] is True and meeting["cancelled"] is False
    assert meeting["url"].endswith(agenda["public"].get_absolute_url())


@pytest.mark.parametrize("url", ["/api/v1/bijeenkomsten/abc/", "/api/v1/openbare-datums/99999999/"])
def test_odd_or_unknown_ids_are_a_404(url, agenda, client):
    assert client.get(url).status_code == 404


def test_filters_and_bad_filter_values(agenda, client):
    def slugs(name, **params):
        return [row.get("slug") or row.get("title") for row in client.get(reverse(name), params).json()["results"]]

    assert slugs("api:network-list", thema="werving") == ["objectief-werven"]
    assert slugs("api:meeting-list", thema="werving") == ["Open bijeenkomst"]
    assert slugs("api:meeting-list", netwerk="ander-netwerk") == ["Later"]
    soon = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert slugs("api:meeting-list", vanaf=soon) == ["Later"]
    assert slugs("api:meeting-list", tot=soon) == ["Open bijeenkomst"]
    for name, params in [
        ("api:network-list", {"thema": "bestaat-niet"}),
        ("api:network-list", {"regio": "mars"}),
        ("api:meeting-list", {"netwerk": "besloten-netwerk"}),
        ("api:meeting-list", {"vanaf": "2026-02-30"}),
        ("api:event-list", {"tot": "morgen"}),
    ]:
        assert client.get(reverse(name), params).status_code == 400, (name, params)


@pytest.mark.parametrize("name", LISTS)
def test_conditional_requests_are_answered_304_until_something_changes(name, agenda, client):
    url = reverse(name)
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    changed = {"api:network-list": agenda["listed"], "api:meeting-list": agenda["public"]}.get(name, agenda["event"])
    changed.summary = changed.agenda = changed.description = "Bijgewerkt"
    changed.save()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_a_network_that_is_made_private_changes_the_tag_and_disappears(agenda, client):
    url = reverse("api:network-list")
    etag = client.get(url)["ETag"]
    agenda["listed"].is_listed = False
    agenda["listed"].save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200 and "objectief-werven" not in response.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_list_query_counts_do_not_grow_with_rows(name, agenda, client, abu):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    before = count()
    for n in range(15):
        network = NetworkFactory(host_organisation=abu)
        network.themes.add(agenda["theme"])
        network.examples.add(ExampleFactory())
        MeetingFactory(network=network, is_public=True)
        EventFactory(title=f"Datum {n}")
    assert count() == before
