"""Detail, overview and linked-content pages; the material redirect; the content-gap page."""

import pytest
from django.urls import reverse

from menukaart.models import EVIDENCE_DEFINITIONS, Evidence, Material, Measure, Status, UsageEvent
from tests.menukaart.factories import (
    ExampleFactory,
    InitiativeFactory,
    LevelFactory,
    MaterialFactory,
    MeasureFactory,
    PhaseFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def full_measure(**kwargs):
    source = SourceFactory(
        key="kaas-2020", citation="Kaas, J. (2020). Anoniem solliciteren werkt.", url="https://example.nl/kaas"
    )
    measure = MeasureFactory(
        title="Anoniem solliciteren",
        evidence=Evidence.REASONABLE,
        evidence_note="Drie veldexperimenten.",
        backfire_warning="Kan leiden tot minder aandacht voor diversiteit later in het proces.",
        lead_time="3 maanden",
        works_council=True,
        works_council_note="Instemmingsrecht bij wijziging van het selectiebeleid.",
        privacy_note="Bewaar geen gegevens over afkomst.",
        sources=[source],
        materials=[MaterialFactory(title="Selectietoolkit"), MaterialFactory(title="Verborgen", status=Status.CONCEPT)],
        tags=["cv", "selectie"],
        **kwargs,
    )
    measure.related.set(
        [MeasureFactory(title="Gestructureerd interview"), MeasureFactory(title="Nog concept", status=Status.CONCEPT)]
    )
    measure.initiatives.set([InitiativeFactory(name="Charter Diversiteit")])
    ExampleFactory(title="Gemeente doet het", measures=[measure])
    return measure


def test_detail_shows_every_section(client):
    measure = full_measure()
    html = client.get(measure.get_absolute_url()).content.decode()
    for text in [
        "Waarom het werkt",
        "Redelijk bewijs",
        str(EVIDENCE_DEFINITIONS[Evidence.REASONABLE]),
        "Drie veldexperimenten.",
        "Let op: dit kan averechts werken",
        "Zo begin je",
        "Begin klein.",
        "Tips",
        "Valkuilen",
        "3 maanden",
        "Instemmingsrecht",
        "Bewaar geen gegevens over afkomst.",
        "Kaas, J. (2020). Anoniem solliciteren werkt.",
        "https://example.nl/kaas",
        "Gestructureerd interview",
        "Selectietoolkit",
        "Charter Diversiteit",
        "Gemeente doet het",
        "css/print.css",
    ]:
        assert text in html, text
    assert "Verborgen" not in html and "Nog concept" not in html  # unpublished links stay hidden


def test_detail_query_count_is_constant(client, django_assert_max_num_queries):
    measure = full_measure()
    with django_assert_max_num_queries(16):
        client.get(measure.get_absolute_url())
    for _ in range(20):
        MeasureFactory().related.add(measure)
        measure.materials.add(MaterialFactory())
        ExampleFactory(measures=[measure])
    with django_assert_max_num_queries(16):
        assert client.get(measure.get_absolute_url()).status_code == 200


def test_a_view_is_counted_anonymously(client):
    measure = MeasureFactory()
    client.get(measure.get_absolute_url())
    client.get(measure.get_absolute_url())
    measure.refresh_from_db()
    assert measure.view_count == 2
    assert UsageEvent.objects.filter(kind=UsageEvent.Kind.MEASURE_VIEW, measure=measure).count() == 2


def test_unknown_measure_is_404(client):
    assert client.get(reverse("menukaart:measure_detail", args=["bestaat-niet"])).status_code == 404


def test_overview_pages(client, django_assert_max_num_queries):
    hr = LevelFactory(slug="hr", name="HR", description="Voor HR-afdelingen.")
    step = PhaseFactory(slug="commitment", name="Commitment van de top", position=1)
    MeasureFactory(title="Exitgesprekken", levels=[hr], phases=[step])
    MeasureFactory(title="Verborgen concept", levels=[hr], phases=[step], status=Status.CONCEPT)
    with django_assert_max_num_queries(6):
        levels = client.get(reverse("menukaart:levels")).content.decode()
    assert "Voor HR-afdelingen." in levels and "Exitgesprekken" in levels and "Verborgen concept" not in levels
    phases = client.get(reverse("menukaart:phases")).content.decode()
    assert "Stap 1: Commitment van de top" in phases and "Exitgesprekken" in phases


def test_evidence_scale_page_defines_every_level(client):
    html = client.get(reverse("menukaart:evidence_scale")).content.decode()
    for level in Evidence:
        assert str(EVIDENCE_DEFINITIONS[level]) in html


def test_material_initiative_and_example_pages(client):
    measure = MeasureFactory(title="Mentoring")
    material = MaterialFactory(title="Mentorgids", kind=Material.Kind.GUIDE)
    material.measures.add(measure)
    MaterialFactory(title="Geheim", status=Status.REVIEW)
    InitiativeFactory(name="Netwerk Inclusie").measures.add(measure)
    example = ExampleFactory(title="Bank mentort", measures=[measure])
    materials = client.get(reverse("menukaart:material_list")).content.decode()
    assert "Mentorgids" in materials and "Handreiking" in materials and "Geheim" not in materials
    assert "Netwerk Inclusie" in client.get(reverse("menukaart:initiative_list")).content.decode()
    assert "Bank mentort" in client.get(reverse("menukaart:example_list")).content.decode()
    detail = client.get(example.get_absolute_url()).content.decode()
    assert "Ze werkten met anonieme cv&#x27;s." in detail and "Mentoring" in detail


def test_list_pages_query_counts_are_constant(client, django_assert_max_num_queries):
    for _ in range(20):
        measure = MeasureFactory()
        MaterialFactory().measures.add(measure)
        InitiativeFactory().measures.add(measure)
        ExampleFactory(measures=[measure])
    for name in ("material_list", "initiative_list", "example_list"):
        with django_assert_max_num_queries(6):
            assert client.get(reverse(f"menukaart:{name}")).status_code == 200


def test_material_redirect_goes_only_to_the_stored_url(client):
    material = MaterialFactory(url="https://www.example.nl/toolkit")
    response = client.get(reverse("menukaart:material_link", args=[material.slug]), {"next": "https://evil.example"})
    assert response.status_code == 302
    assert response["Location"] == "https://www.example.nl/toolkit"
    assert UsageEvent.objects.filter(kind=UsageEvent.Kind.MATERIAL_CLICK, material=material).count() == 1


@pytest.mark.parametrize("kwargs", [{"url": ""}, {"status": Status.CONCEPT}])
def test_material_redirect_404_without_a_public_link(client, kwargs):
    material = MaterialFactory(**kwargs)
    assert client.get(reverse("menukaart:material_link", args=[material.slug])).status_code == 404
    assert not UsageEvent.objects.exists()


def test_editors_see_zero_result_searches_as_content_gaps(client, contentbeheerder, werkgever):
    MeasureFactory(title="Anoniem solliciteren")
    for query in ["ruimtevaart", "Ruimtevaart", "anoniem", "zwangerschap"]:
        client.get(reverse("menukaart:index"), {"q": query})
    client.force_login(werkgever)
    assert client.get(reverse("menukaart:content_gaps")).status_code == 403
    client.force_login(contentbeheerder)
    response = client.get(reverse("menukaart:content_gaps"))
    gaps = [(gap["query"], gap["times"]) for gap in response.context["gaps"]]
    assert gaps == [("ruimtevaart", 2), ("zwangerschap", 1)]


def test_visible_to_respects_view_unpublished(werkgever, contentbeheerder):
    draft = MeasureFactory(status=Status.CONCEPT)
    assert draft not in Measure.objects.visible_to(werkgever)
    assert draft in Measure.objects.visible_to(contentbeheerder)


def test_content_gap_and_shared_plan_query_counts_are_constant(client, contentbeheerder):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from menukaart.models import Plan, PlanItem
    from menukaart.services import record_search

    plan = Plan.objects.create(share_token_hash=Plan.hash_token("t" * 43))

    def grow(n):
        for _ in range(n):
            record_search(query=f"onbekend onderwerp {UsageEvent.objects.count()}", result_count=0)
            PlanItem.objects.create(plan=plan, measure=MeasureFactory(), position=PlanItem.objects.count() + 1)

    def count(url):
        client.get(url)  # warm up the session
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    client.force_login(contentbeheerder)
    urls = [reverse("menukaart:content_gaps"), reverse("menukaart:shared_plan", args=["t" * 43])]
    grow(2)
    before = [count(url) for url in urls]
    grow(20)
    assert [count(url) for url in urls] == before
    assert max(before) <= 10
