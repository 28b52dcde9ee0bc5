"""The catalogue page: facets with counts, search, sorting, pagination and bad input."""

import pytest
from django.urls import reverse

from menukaart.models import Band, Evidence, Material, OrganisationSize, Status, UsageEvent
from tests.menukaart.factories import (
    LevelFactory,
    MaterialFactory,
    MeasureFactory,
    PhaseFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("menukaart:index")


@pytest.fixture
def terms():
    return {
        "hr": LevelFactory(slug="hr", name="HR"),
        "team": LevelFactory(slug="team", name="Team"),
        "behoud": ThemeFactory(slug="behoud", name="Behoud"),
        "werving": ThemeFactory(slug="werving-en-selectie", name="Werving en selectie"),
        "stap1": PhaseFactory(slug="commitment", name="Commitment", position=1),
    }


def facet(response, name):
    return {v.value: v for f in response.context["facets"] if f.name == name for v in f.values}


def titles(response):
    return [m.title for m in response.context["measures"]]


def test_facets_count_the_current_result_set(client, terms):
    MeasureFactory(title="A", levels=[terms["hr"]], themes=[terms["behoud"]], effort=Band.LOW)
    MeasureFactory(title="B", levels=[terms["hr"]], themes=[terms["werving"]], effort=Band.HIGH)
    MeasureFactory(title="C", levels=[terms["team"]], themes=[terms["werving"]], effort=Band.LOW)
    MeasureFactory(title="Concept", levels=[terms["hr"]], themes=[terms["werving"]], status=Status.CONCEPT)

    response = client.get(URL)
    assert facet(response, "niveau")["hr"].count == 2  # the concept is not counted
    assert facet(response, "thema")["werving-en-selectie"].count == 2

    response = client.get(URL, {"niveau": "hr"})
    assert titles(response) == ["A", "B"]
    themes = facet(response, "thema")
    assert (themes["behoud"].count, themes["werving-en-selectie"].count) == (1, 1)
    assert facet(response, "inspanning")["hoog"].count == 1
    # Within the chosen facet the counts show what adding a value would give (OR).
    assert facet(response, "niveau")["team"].count == 1
    assert facet(response, "niveau")["hr"].selected


def test_filters_combine_and_with_or_within_a_facet(client, terms):
    MeasureFactory(title="A", levels=[terms["hr"]], themes=[terms["behoud"]])
    MeasureFactory(title="B", levels=[terms["team"]], themes=[terms["behoud"]])
    MeasureFactory(title="C", levels=[terms["team"]], themes=[terms["werving"]])
    assert titles(client.get(URL, {"niveau": ["hr", "team"], "thema": "behoud"})) == ["A", "B"]
    assert titles(client.get(URL, {"niveau": "team", "thema": "werving-en-selectie"})) == ["C"]


def test_size_evidence_phase_and_material_type(client, terms):
    toolkit = MaterialFactory(kind=Material.Kind.TOOLKIT)
    game = MaterialFactory(kind=Material.Kind.GAME, status=Status.CONCEPT)
    MeasureFactory(title="Mkb", size=OrganisationSize.SME, evidence=Evidence.STRONG, materials=[toolkit])
    MeasureFactory(title="Groot", size=OrganisationSize.LARGE, phases=[terms["stap1"]], materials=[game])
    MeasureFactory(title="Beide", size=OrganisationSize.BOTH)

    assert titles(client.get(URL, {"omvang": "mkb"})) == ["Beide", "Mkb"]
    assert titles(client.get(URL, {"bewijs": "4"})) == ["Mkb"]
    assert titles(client.get(URL, {"stap": "commitment"})) == ["Groot"]
    response = client.get(URL, {"materiaal": "toolkit"})
    assert titles(response) == ["Mkb"]
    assert facet(response, "materiaal")["game"].count == 0  # unpublished material does not count
    assert facet(client.get(URL), "omvang")["groot"].count == 2


def test_search_combines_with_filters(client, terms):
    MeasureFactory(title="Anoniem solliciteren", levels=[terms["hr"]])
    MeasureFactory(title="Anoniem melden", levels=[terms["team"]])
    response = client.get(URL, {"q": "anoniem", "niveau": "hr"})
    assert titles(response) == ["Anoniem solliciteren"]
    assert facet(response, "niveau")["team"].count == 1


def test_dutch_stemming_and_weighting(client):
    MeasureFactory(title="Training voor leidinggevende", summary="Leer inclusief leiden.")
    MeasureFactory(title="Mentoring", summary="Een leidinggevende als mentor.")
    MeasureFactory(title="Stagebeleid", summary="Iets heel anders.")
    response = client.get(URL, {"q": "leidinggevenden"})
    assert titles(response) == ["Training voor leidinggevende", "Mentoring"]


def test_measures_with_all_words_come_before_those_with_some(client):
    MeasureFactory(title="Anoniem solliciteren", summary="Selecteer zonder naam.")
    MeasureFactory(title="Exitgesprekken voeren", summary="Vraag waarom mensen gaan, anoniem of niet.")
    MeasureFactory(title="Iets anders")
    response = client.get(URL, {"q": "anoniem exitgesprekken"})
    assert titles(response) == ["Exitgesprekken voeren", "Anoniem solliciteren"]


def test_sorting_allowlist(client):
    MeasureFactory(title="B populair").__class__.objects.filter(title="B populair").update(view_count=10)
    MeasureFactory(title="A stil")
    assert titles(client.get(URL, {"sorteer": "titel"})) == ["A stil", "B populair"]
    assert titles(client.get(URL, {"sorteer": "populair"})) == ["B populair", "A stil"]
    assert titles(client.get(URL, {"sorteer": "nieuw"}))[0] == "A stil"
    response = client.get(URL, {"sorteer": "-view_count"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"niveau": "bestaat-niet"}, "bestaat-niet is geen beschikbare keuze"),
        ({"bewijs": "9"}, "9 is geen beschikbare keuze"),
        ({"inspanning": "enorm"}, "enorm is geen beschikbare keuze"),
        ({"q": "x" * 201}, "Je zoekvraag is te lang: gebruik maximaal 200 tekens."),
        ({"sorteer": "id"}, "Sorteer op"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_400(client, params, message):
    MeasureFactory()
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("page", ["99", "abc", "0", "-1"])
def test_bad_page_is_404(client, page):
    MeasureFactory()
    assert client.get(URL, {"pagina": page}).status_code == 404


def test_pagination_keeps_the_filters_in_the_links(client, terms):
    for n in range(14):
        MeasureFactory(title=f"Maatregel {n:02d}", levels=[terms["hr"]])
    response = client.get(URL, {"niveau": "hr", "sorteer": "titel"})
    html = response.content.decode()
    assert "niveau=hr&amp;sorteer=titel&amp;pagina=2" in html
    second = client.get(URL, {"niveau": "hr", "sorteer": "titel", "pagina": "2"})
    assert titles(second) == ["Maatregel 12", "Maatregel 13"]


def test_empty_results_explain_what_to_try(client, terms):
    MeasureFactory(levels=[terms["hr"]])
    response = client.get(URL, {"q": "ruimtevaart", "niveau": "hr"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geen maatregelen gevonden." in html
    assert "Haal een of meer filters weg" in html
    assert "Bekijk de resultaten zonder zoekwoord" in html


def test_search_is_recorded_without_personal_data(client, werkgever):
    MeasureFactory(title="Anoniem solliciteren")
    client.force_login(werkgever)
    client.get(URL, {"q": "  Anoniem   SOLLICITEREN "})
    client.get(URL, {"q": "ruimtevaart"})
    client.get(URL, {"niveau": ""})  # no query, no search event
    events = list(UsageEvent.objects.filter(kind=UsageEvent.Kind.SEARCH).order_by("id"))
    assert [(e.query, e.result_count) for e in events] == [("anoniem solliciteren", 1), ("ruimtevaart", 0)]
    assert all(e.hour.minute == 0 and e.hour.second == 0 for e in events)
    field_names = {field.name for field in UsageEvent._meta.get_fields()}
    assert not field_names & {"user", "session", "ip", "ip_address", "session_key"}


def test_works_without_javascript_as_one_get_form(client):
    """Plain GET form; htmx (served from our own static files) only makes facet changes smoother."""
    import re

    MeasureFactory()
    html = client.get(URL).content.decode()
    assert 'method="get"' in html and 'id="catalogue"' in html
    assert 'form="catalogue" name="niveau"' in html
    assert 'hx-include="#catalogue"' in html and 'hx-push-url="true"' in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="/static/' in attrs for attrs in scripts), "no inline or remote scripts"


def test_htmx_request_gets_the_same_page_for_hx_select(client):
    MeasureFactory(title="Anoniem solliciteren")
    response = client.get(URL, {"q": "anoniem"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="catalogue-region"' in response.content.decode()


def _grow(terms, n):
    material = MaterialFactory()
    for _ in range(n):
        MeasureFactory(levels=[terms["hr"], terms["team"]], themes=[terms["behoud"]], materials=[material])


@pytest.mark.parametrize("params", [{}, {"niveau": "hr", "thema": "behoud"}, {"q": "maatregel nummer"}])
def test_query_count_does_not_grow_with_the_catalogue(client, django_assert_num_queries, terms, params):
    _grow(terms, 3)
    client.get(URL, params)  # warm up (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, params).status_code == 200
    expected = len(small.captured_queries)  # now: the connection keeps only the last 9,000 queries
    _grow(terms, 20)
    client.get(URL, params)  # the search index changed: its document count is cached again
    with django_assert_num_queries(expected):
        assert client.get(URL, params).status_code == 200
    assert expected <= 12


@pytest.mark.parametrize("query", ["de", "&&&", "'", "!", "a:*", "\\", "(", "🙂", "-", '"', "a | b & !c", "<script>"])
def test_odd_search_input_never_breaks_the_page(client, query):
    """Stop words only, tsquery operators, quotes, emoji: a normal (possibly empty) result."""
    MeasureFactory()
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_null_character_in_query_is_a_400(client):
    assert client.get(URL, {"q": "x\x00y"}).status_code == 400
