"""The materials page: the theme filter, no "Onbekend", the "In ontwikkeling" label, no doubled names."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from menukaart.models import Material, Status
from tests.menukaart.factories import MaterialFactory, MeasureFactory, SourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db
URL = reverse("menukaart:material_list")


def slugs(response) -> list[str]:
    return [material.slug for material in response.context["materials"]]


def card(html: str, slug: str) -> str:
    """The HTML of one material's card on the page."""
    match = re.search(rf'<li class="card" id="{re.escape(slug)}">(.*?)</li>', html, flags=re.DOTALL)
    assert match, f"no card for {slug}"
    return match.group(1)


@pytest.fixture
def themes():
    return ThemeFactory(slug="werving", name="Werving en selectie"), ThemeFactory(slug="behoud", name="Behoud")


def test_theme_filter_narrows_to_the_materials_of_measures_on_that_theme(client, themes):
    werving, behoud = themes
    MeasureFactory(themes=[werving], materials=[MaterialFactory(slug="werving-toolkit")])
    MeasureFactory(themes=[behoud], materials=[MaterialFactory(slug="behoud-spel", kind=Material.Kind.GAME)])
    both = MaterialFactory(slug="op-twee-maatregelen")
    MeasureFactory(themes=[werving, behoud], materials=[both])
    MeasureFactory(themes=[werving], materials=[both])
    # Only published measures count: a concept measure does not give its material a theme.
    MeasureFactory(themes=[werving], status=Status.CONCEPT, materials=[MaterialFactory(slug="via-concept")])
    MaterialFactory(slug="zonder-maatregel")

    assert set(slugs(client.get(URL))) == {
        "werving-toolkit", "behoud-spel", "op-twee-maatregelen", "via-concept", "zonder-maatregel",
    }  # fmt: skip
    # Each material once, even when several of its measures have the theme.
    assert sorted(slugs(client.get(URL, {"thema": "werving"}))) == ["op-twee-maatregelen", "werving-toolkit"]
    # Within the filter OR, with another filter AND.
    assert sorted(slugs(client.get(URL, {"thema": ["werving", "behoud"]}))) == [
        "behoud-spel", "op-twee-maatregelen", "werving-toolkit",
    ]  # fmt: skip
    assert slugs(client.get(URL, {"thema": ["werving", "behoud"], "soort": "game"})) == ["behoud-spel"]


def test_theme_filter_works_with_the_search_and_the_other_filters(client, themes):
    werving, behoud = themes
    for theme in (werving, behoud):
        for cost in (Material.Cost.FREE, Material.Cost.PAID):
            material = MaterialFactory(slug=f"{theme.slug}-{cost}", title=f"Spel over {theme.name}", cost=cost)
            MeasureFactory(themes=[theme], materials=[material])
    assert sorted(slugs(client.get(URL, {"q": "spel", "thema": "behoud"}))) == ["behoud-betaald", "behoud-gratis"]
    assert slugs(client.get(URL, {"q": "spel", "thema": "behoud", "kosten": "gratis"})) == ["behoud-gratis"]


def test_theme_filter_is_a_checkbox_per_theme_and_keeps_its_choice(client, themes):
    html = client.get(URL, {"thema": "behoud"}).content.decode()
    assert '<input type="checkbox" name="thema" value="behoud" id="m-thema-behoud" checked>' in html
    assert '<input type="checkbox" name="thema" value="werving" id="m-thema-werving">' in html
    assert '<label for="m-thema-werving">Werving en selectie</label>' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every id on the page is unique"


def test_filters_fold_away_until_one_is_chosen_and_the_count_is_always_shown(client, themes):
    MaterialFactory.create_batch(2)
    html = client.get(URL).content.decode()
    assert '<details class="facets-details">' in html  # folded on a phone (CSS opens it on a wide screen)
    assert '<h2 id="results-title" class="results-title">2 materialen</h2>' in html
    # A search alone keeps the filters folded; a chosen value (or a repeated one, counted once) opens them.
    assert '<details class="facets-details">' in client.get(URL, {"q": "toolkit"}).content.decode()
    html = client.get(URL, {"thema": ["behoud", "behoud", "werving"], "kosten": "gratis"}).content.decode()
    assert '<details class="facets-details" open>' in html
    assert re.search(r'Filters <span class="count">\(3 gekozen\)</span></h2>', html)
    # An impossible choice too: the visitor sees the checkboxes beside the error.
    response = client.get(URL, {"kosten": "onbekend"})
    assert response.status_code == 400
    assert '<details class="facets-details" open>' in response.content.decode()


def test_unknown_theme_is_a_dutch_400(client, themes):
    response = client.get(URL, {"thema": "bestaat-niet"})
    assert response.status_code == 400
    assert "Deze zoekopdracht kunnen we niet uitvoeren" in response.content.decode()


def test_theme_filter_runs_a_constant_number_of_queries(client, themes):
    werving, behoud = themes

    def add_material(theme):
        material = MaterialFactory(cost=Material.Cost.FREE)
        material.sources.add(SourceFactory())
        MeasureFactory(themes=[theme], materials=[material])

    add_material(werving)
    query = {"thema": ["werving", "behoud"], "kosten": "gratis"}
    client.get(URL, query)
    with CaptureQueriesContext(connection) as few:
        response = client.get(URL, query)
    assert len(response.context["materials"]) == 1
    for number in range(20):
        add_material(werving if number % 2 else behoud)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, query)
    assert len(response.context["materials"]) == 21
    assert len(many.captured_queries) == len(few.captured_queries), [q["sql"] for q in many.captured_queries]


def test_a_material_with_empty_fields_shows_no_onbekend(client):
    MaterialFactory(slug="leeg", provider="", audience="", url="", cost=Material.Cost.UNKNOWN)
    html = client.get(URL).content.decode()
    leeg = card(html, "leeg")
    assert "onbekend" not in leeg.casefold()
    assert "Aanbieder" not in leeg and "Kosten" not in leeg and "Voor wie" not in leeg
    assert "<dl" not in leeg, "no empty facts list"
    assert "Bron:" not in leeg and "Hoort bij:" not in leeg and "Naar het materiaal" not in leeg
    # "Onbekend" is not offered as a cost to filter on either.
    assert "onbekend" not in html.casefold()


def test_a_known_cost_is_shown(client):
    MaterialFactory(slug="gratis", cost=Material.Cost.FREE)
    assert "<dt>Kosten</dt><dd>Gratis</dd>" in card(client.get(URL).content.decode(), "gratis")


def test_material_in_development_is_labelled(client):
    MaterialFactory(slug="nog-niet-klaar", title="Zelfinspectietool", in_development=True)
    MaterialFactory(slug="klaar", title="Checklist")
    html = client.get(URL).content.decode()
    heading = re.search(r"<h3>(.*?)</h3>", card(html, "nog-niet-klaar"), flags=re.DOTALL).group(1)
    # A text label in the heading (in brackets for screen readers), not only a colour ...
    assert 'class="badge badge-development"' in heading
    assert re.sub(r"<[^>]+>", "", heading).strip() == "Zelfinspectietool (In ontwikkeling)"
    # ... and explained in words.
    assert "Dit materiaal is nog niet klaar" in card(html, "nog-niet-klaar")
    assert "In ontwikkeling" not in card(html, "klaar")


def test_material_in_development_is_labelled_on_its_measures_page(client):
    material = MaterialFactory(title="Zelfinspectietool", in_development=True, cost=Material.Cost.UNKNOWN)
    measure = MeasureFactory(materials=[material])
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "In ontwikkeling" in html
    assert "onbekend" not in html.casefold()


def test_the_materials_own_publication_is_not_repeated_as_its_source(client):
    own = SourceFactory(citation="Van den Berg, J., et al. (2021). Meten voor impact. Handreiking om te meten.")
    other = SourceFactory(citation="TNO (2022), Handreiking maatregelen behoud en doorstroom")
    material = MaterialFactory(slug="meten", title="Meten voor impact: handreiking effectiviteit meten")
    material.sources.set([own, other])
    bron = re.search(r'<p class="source">(.*?)</p>', card(client.get(URL).content.decode(), "meten")).group(1)
    assert "TNO (2022)" in bron and "Meten voor impact" not in bron


def test_a_title_without_a_colon_is_compared_whole():
    material = MaterialFactory(title="Gezamenlijk In-Zicht. Handboek Medewerkersnetwerken")
    own = SourceFactory(citation="Gezamenlijk In-Zicht. Handboek medewerkersnetwerken, Aukje Smit, 2020.")
    unrelated = SourceFactory(citation="Handboek diversiteit (2019).")
    material.sources.set([own, unrelated])
    assert material.sources_besides_itself() == [unrelated]


def test_real_content_names_nothing_twice_and_says_nothing_is_onbekend(client, catalogue):
    """The loaded menukaart: no title repeats its provider, no source repeats its title, one name per
    organisation, no "Onbekend", and the zelfinspectietool is labelled as in development."""
    html = client.get(URL).content.decode()
    assert "onbekend" not in html.casefold()
    materials = list(Material.objects.published().prefetch_related("sources"))
    assert len(materials) > 20
    for material in materials:
        # "Audit diversiteit (KIS)" next to "Aanbieder: Kennisplatform ... (KIS)" named KIS twice.
        short_names = re.findall(r"\(([^)]+)\)", material.provider) + [material.provider]
        for name in filter(None, short_names):
            assert f"({name})" not in material.title, material.title
        for source in material.sources_besides_itself():
            assert material.title.partition(":")[0].casefold() not in source.citation.casefold()
    # The same organisation under one name (KIS was renamed; the material cards use the current name).
    assert "Kennisplatform Integratie &amp; Samenleving (KIS)" not in html
    wat_werkt = card(html, "kis-wat-werkt-bij-discriminatie")
    assert "Felten" not in wat_werkt, "the material's own publication is not listed again as its source"
    assert "Bron: TNO (2022)" in wat_werkt
    assert "In ontwikkeling" in card(html, "zelfinspectietool-werving-en-selectie")
    assert Material.objects.filter(in_development=True).count() == 1
