"""Materials have their own search and filters (soort, kosten)."""

import pytest
from django.urls import reverse

from menukaart.models import Material, Status
from tests.menukaart.factories import MaterialFactory

pytestmark = pytest.mark.django_db
URL = reverse("menukaart:material_list")


def slugs(response) -> list[str]:
    return [material.slug for material in response.context["materials"]]


def test_search_finds_materials_best_first(client):
    MaterialFactory(slug="in-tekst", title="Handreiking", summary="Over e-learning en werving.")
    MaterialFactory(slug="in-titel", title="E-learning werving en selectie")
    MaterialFactory(slug="anders", title="Spel over vooroordelen", summary="Een spel.")
    response = client.get(URL, {"q": "e-learning werving"})
    assert response.status_code == 200
    assert slugs(response) == ["in-titel", "in-tekst"]


def test_filters_by_kind_and_cost(client):
    MaterialFactory(slug="gratis-game", kind=Material.Kind.GAME, cost=Material.Cost.FREE)
    MaterialFactory(slug="betaalde-game", kind=Material.Kind.GAME, cost=Material.Cost.PAID)
    MaterialFactory(slug="toolkit", kind=Material.Kind.TOOLKIT, cost=Material.Cost.FREE)
    assert slugs(client.get(URL, {"soort": "game", "kosten": "gratis"})) == ["gratis-game"]


def test_unpublished_materials_are_not_found(client):
    MaterialFactory(slug="concept", title="Toolkit werving", status=Status.CONCEPT)
    assert slugs(client.get(URL, {"q": "werving"})) == []


def test_bad_filter_is_a_dutch_400(client):
    response = client.get(URL, {"soort": "onzin"})
    assert response.status_code == 400
    assert "Deze zoekopdracht kunnen we niet uitvoeren" in response.content.decode()


def test_query_count_does_not_grow(client, django_assert_num_queries):
    MaterialFactory()
    client.get(URL, {"q": "toolkit"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"q": "toolkit"})
    expected = len(small.captured_queries)  # now: the connection keeps only the last 9,000 queries
    for _ in range(20):
        MaterialFactory()
    client.get(URL, {"q": "toolkit"})  # the index changed: its document count is cached again
    with django_assert_num_queries(expected):
        client.get(URL, {"q": "toolkit"})


def test_search_results_come_twenty_to_a_page(client):
    for _ in range(25):
        MaterialFactory()  # "Toolkit nummer n"
    first = client.get(URL, {"q": "toolkit"})
    assert first.status_code == 200
    assert len(slugs(first)) == 20
    page = first.content.decode()
    assert "25 materialen" in page and "Pagina 1 van 2" in page and 'rel="next"' in page
    second = client.get(URL, {"q": "toolkit", "pagina": 2})
    assert len(slugs(second)) == 5
    assert not set(slugs(first)) & set(slugs(second))
    assert client.get(URL, {"q": "toolkit", "pagina": 3}).status_code == 404
