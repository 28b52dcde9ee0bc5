"""The portal-wide search (/zoeken/), synonyms from Beheer, suggestions, "bedoelde je" and visibility."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from menukaart.models import Status, UsageEvent
from menukaart.search import suggest_measures
from sitesearch.models import Kind, SearchDocument, Synonym
from sitesearch.query import did_you_mean, highlight, parse
from tests.menukaart.factories import (
    ExampleFactory,
    InitiativeFactory,
    MaterialFactory,
    MeasureFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("sitesearch:search")


def titles(response) -> list[str]:
    return [result["document"].title for result in response.context["results"]]


def test_every_kind_of_published_item_is_found(client):
    MeasureFactory(title="Werf via nieuwe kanalen")
    MaterialFactory(title="Toolkit werving", summary="Nieuwe kanalen voor werving.")
    InitiativeFactory(name="Netwerk werving", summary="Werkgevers delen kanalen voor werving.")
    ExampleFactory(title="Werving bij de gemeente", what_they_did="Nieuwe kanalen voor werving geprobeerd.")
    response = client.get(URL, {"q": "werving"})
    assert response.status_code == 200
    kinds = {result["document"].kind for result in response.context["results"]}
    assert kinds == {Kind.MEASURE, Kind.MATERIAL, Kind.INITIATIVE, Kind.EXAMPLE}


def test_unpublished_items_are_never_shown_and_unpublishing_removes_them(client):
    MeasureFactory(title="Concept over werving", status=Status.CONCEPT)
    MaterialFactory(title="Materiaal over werving in review", status=Status.REVIEW)
    published = MeasureFactory(title="Gepubliceerd over werving")
    assert titles(client.get(URL, {"q": "werving"})) == ["Gepubliceerd over werving"]
    published.status = Status.CONCEPT
    published.save()
    assert titles(client.get(URL, {"q": "werving"})) == []
    assert not SearchDocument.objects.filter(kind=Kind.MEASURE, object_id=published.pk).exists()


def test_facets_per_kind_and_theme_filter_and_count(client):
    werving = ThemeFactory(slug="werving", name="Werving")
    MeasureFactory(title="Selectie zonder vooroordelen", themes=[werving])
    MaterialFactory(title="Toolkit selectie")
    response = client.get(URL, {"q": "selectie"})
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in response.context["facets"]}
    assert facets["soort"] == {Kind.MEASURE: 1, Kind.MATERIAL: 1}
    assert facets["thema"]["werving"] == 1
    only_materials = client.get(URL, {"q": "selectie", "soort": Kind.MATERIAL})
    assert titles(only_materials) == ["Toolkit selectie"]
    by_theme = client.get(URL, {"q": "selectie", "thema": "werving"})
    assert titles(by_theme) == ["Selectie zonder vooroordelen"]


def test_a_synonym_added_in_beheer_applies_to_the_next_search(client):
    MeasureFactory(title="Werf vluchtelingen via werkervaringsplaatsen")
    assert titles(client.get(URL, {"q": "statushouders"})) == []
    Synonym.objects.create(term="Statushouder", related="vluchteling, nieuwkomer")
    assert titles(client.get(URL, {"q": "statushouders"})) == ["Werf vluchtelingen via werkervaringsplaatsen"]


def test_abbreviation_or_finds_the_works_council_through_its_synonym(client):
    MeasureFactory(title="Werk samen met de ondernemingsraad")
    MeasureFactory(title="Iets anders", tips=[])
    Synonym.objects.create(term="OR", related="ondernemingsraad")
    assert titles(client.get(URL, {"q": "OR"})) == ["Werk samen met de ondernemingsraad"]


def test_compound_query_finds_its_parts(client):
    MeasureFactory(title="Stel geen onnodige eisen aan taal", summary="Eisen aan de taal in de vacature.")
    assert titles(client.get(URL, {"q": "taaleisen"})) == ["Stel geen onnodige eisen aan taal"]


def test_question_ranks_the_topic_over_shared_common_words():
    topic = MeasureFactory(
        title="Selecteer objectief",
        summary="Wijs een sollicitant nooit af om religie of een hoofddoek.",
    )
    MeasureFactory(title="Medewerkers betrekken", summary="Medewerkers willen vaak meepraten over hoe we werken.")
    found = suggest_measures("Onze medewerkers willen weten: mag je een sollicitant met een hoofddoek afwijzen?")
    assert found[0] == topic
    assert "<mark>hoofddoek</mark>" in found[0].highlighted_summary
    assert "<mark>sollicitant</mark>" in found[0].highlighted_summary


def test_highlight_escapes_the_text():
    html = highlight("<b>Werving</b> & selectie", parse("werving").terms or {"werv"})
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_did_you_mean_offers_the_nearest_indexed_word(client):
    MeasureFactory(title="Houd een vlootschouw")
    response = client.get(URL, {"q": "vlootschouwe"})
    if response.context["page_obj"].paginator.count < 3:
        assert response.context["suggestion"] == "vlootschouw"
    assert did_you_mean(parse("vlotschouw")) == "vlootschouw"
    assert "Bedoelde je:" in client.get(URL, {"q": "vlotschouw"}).content.decode()


def test_search_is_recorded_and_a_zero_result_search_is_a_content_gap(client):
    client.get(URL, {"q": "onbekendwoord"})
    assert UsageEvent.objects.zero_result_searches().filter(query="onbekendwoord").exists()


def test_too_long_query_is_a_dutch_400(client):
    response = client.get(URL, {"q": "x" * 201})
    assert response.status_code == 400
    assert "Je zoekvraag is te lang" in response.content.decode()


def test_unknown_kind_or_theme_is_a_dutch_400(client):
    response = client.get(URL, {"q": "werving", "soort": "geheim"})
    assert response.status_code == 400
    assert "geen van de beschikbare keuzes" in response.content.decode() or "Selecteer" in response.content.decode()


def test_empty_search_shows_the_form_only(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'id="id_zoek_q"' in response.content.decode()


def test_every_page_has_the_header_search_field(client):
    html = client.get(reverse("core:home")).content.decode()
    assert 'id="header-q"' in html and reverse("sitesearch:search") in html


@pytest.mark.parametrize("query", ["de", "&&&", "'", "a:*", "\\", "(", "🙂", '"', "a | b & !c", "<script>", "\x00"])
def test_odd_input_never_breaks_the_page(client, query):
    assert client.get(URL, {"q": query}).status_code in (200, 400)


@pytest.mark.parametrize("params", [{"q": "maatregel"}, {"q": "maatregel toolkit", "soort": Kind.MEASURE}])
def test_query_count_does_not_grow_with_the_results(client, params):
    for _ in range(3):  # enough results that "bedoelde je" is not looked up, before and after
        MeasureFactory()
    client.get(URL, params)  # warm up
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, params).status_code == 200
    expected = len(small.captured_queries)  # now: the connection keeps only the last 9,000 queries
    for _ in range(20):
        MeasureFactory()
        MaterialFactory()
    client.get(URL, params)  # the index changed: the document count is cached again
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL, params).status_code == 200
    assert len(large.captured_queries) == expected
    assert expected <= 8
