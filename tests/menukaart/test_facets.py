"""The catalogue's and the portal search's facet counts count right, and cost a constant number of
queries: the catalogue's come from the ids of its matches and the kept facet masks
(menukaart.facet_masks), the portal search's from one grouped query (menukaart.facets).

The counts are compared with counts worked out here, measure by measure, for random catalogues and
random choices: every facet is disjunctive (a value's count is what you would see with that value
added to your choice). The kept masks follow every change to the catalogue at once.
"""

import random

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from menukaart.models import Band, Evidence, Level, Material, Measure, OrganisationSize, Status
from sitesearch.models import SearchDocument
from sitesearch.query import apply, parse
from tests.menukaart.factories import LevelFactory, MaterialFactory, MeasureFactory, PhaseFactory, ThemeFactory

pytestmark = pytest.mark.django_db
URL = reverse("menukaart:index")


def _catalogue(rng: random.Random):
    levels = [LevelFactory(slug=slug) for slug in ("organisatie", "hr", "team")]
    themes = [ThemeFactory(slug=slug) for slug in ("behoud", "werving", "doorstroom")]
    phases = [PhaseFactory(slug=slug) for slug in ("commitment", "analyse")]
    materials = [MaterialFactory(kind=kind) for kind in (Material.Kind.TOOLKIT, Material.Kind.TRAINING)]
    materials.append(MaterialFactory(kind=Material.Kind.GUIDE, status=Status.CONCEPT))  # never counted
    measures = []
    for n in range(14):
        measures.append(
            MeasureFactory(
                title=f"Maatregel {n} {'mentor' if n % 3 else 'buddy'}",
                levels=rng.sample(levels, rng.randint(0, 2)),
                themes=rng.sample(themes, rng.randint(0, 2)),
                phases=rng.sample(phases, rng.randint(0, 1)),
                materials=rng.sample(materials, rng.randint(0, 2)),
                size=rng.choice(OrganisationSize.values),
                effort=rng.choice(Band.values),
                cost=rng.choice(Band.values),
                evidence=rng.choice(Evidence.values),
            )
        )
    MeasureFactory(title="Concept mentor", status=Status.CONCEPT, levels=levels)  # never counted
    return measures


def _values(measure) -> dict[str, set[str]]:
    """Per facet, the values this measure has (as the catalogue's query string names them)."""
    sizes = {
        OrganisationSize.SME: {"mkb"},
        OrganisationSize.LARGE: {"groot"},
        OrganisationSize.BOTH: {"mkb", "groot"},
    }[measure.size]
    return {
        "niveau": {level.slug for level in measure.levels.all()},
        "thema": {theme.slug for theme in measure.themes.all()},
        "stap": {phase.slug for phase in measure.phases.all()},
        "omvang": sizes,
        "inspanning": {measure.effort},
        "kosten": {measure.cost},
        "bewijs": {str(measure.evidence)},
        "materiaal": {m.kind for m in measure.materials.all() if m.status == Status.PUBLISHED},
    }


def _expected(measures, choice: dict[str, list[str]], facet: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for measure in measures:
        values = _values(measure)
        if all(values[name] & set(chosen) for name, chosen in choice.items() if name != facet):
            for value in values[facet]:
                counts[value] = counts.get(value, 0) + 1
    return counts


OPTIONS = {
    "niveau": ["organisatie", "hr", "team"],
    "thema": ["behoud", "werving", "doorstroom"],
    "stap": ["commitment", "analyse"],
    "omvang": ["mkb", "groot"],
    "inspanning": list(Band.values),
    "kosten": list(Band.values),
    "bewijs": [str(value) for value in Evidence.values],
    "materiaal": [Material.Kind.TOOLKIT, Material.Kind.TRAINING],
}


def _assert_counts_right(client, params: dict, choice: dict[str, list[str]], search: str | None = None) -> None:
    response = client.get(URL, params)
    assert response.status_code == 200
    measures = Measure.objects.published().prefetch_related("levels", "themes", "phases", "materials")
    in_scope = [m for m in measures if search is None or search in m.title.lower()]
    for facet in response.context["facets"]:
        expected = _expected(in_scope, choice, facet.name)
        shown = {value.value: value.count for value in facet.values}
        assert shown == {value: expected.get(value, 0) for value in shown}, (facet.name, params)
    matching = [m for m in in_scope if all(_values(m)[n] & set(c) for n, c in choice.items())]
    assert response.context["page_obj"].paginator.count == len(matching)


@pytest.mark.parametrize("seed", range(6))
def test_disjunctive_counts_match_counting_measure_by_measure(client, seed):
    rng = random.Random(seed)
    _catalogue(rng)
    for _ in range(4):
        choice = {name: rng.sample(values, rng.randint(1, 2)) for name, values in rng.sample(list(OPTIONS.items()), 3)}
        search = rng.choice([None, "mentor"])
        _assert_counts_right(client, {**choice, **({"q": search} if search else {})}, choice, search)


@pytest.mark.parametrize("params", [{}, {"niveau": "hr", "thema": "behoud", "materiaal": "toolkit"}, {"q": "mentor"}])
def test_the_catalogue_counts_from_the_kept_masks_without_a_counting_query(client, params):
    _catalogue(random.Random(1))
    client.get(URL, params)  # warm up: builds the masks
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    counting = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counting == []


def test_the_kept_masks_follow_every_change_to_the_catalogue_at_once(client):
    """Each change that moves a measure in or out of a facet value shows in the very next counts."""
    _catalogue(random.Random(3))
    choice = {"niveau": ["hr"], "materiaal": [Material.Kind.TOOLKIT]}
    _assert_counts_right(client, choice, choice)
    hr = Level.objects.get(slug="hr")
    toolkit = Material.objects.filter(kind=Material.Kind.TOOLKIT).first()
    changes = [
        lambda: MeasureFactory(levels=[hr], materials=[toolkit], effort=Band.LOW),  # a new measure
        lambda: Measure.objects.first().levels.add(hr),  # a level added to a measure
        lambda: hr.measures.remove(Measure.objects.filter(levels=hr).first()),  # removed, from the level's side
        lambda: Measure.objects.filter(materials=toolkit).first().materials.clear(),
    ]
    for change in changes:
        change()
        _assert_counts_right(client, choice, choice)
    measure = Measure.objects.published().first()
    measure.effort = Band.HIGH if measure.effort != Band.HIGH else Band.LOW  # a field changed and saved
    measure.save()
    _assert_counts_right(client, {"inspanning": Band.HIGH}, {"inspanning": [Band.HIGH]})
    measure.status = Status.CONCEPT  # unpublished
    measure.save()
    _assert_counts_right(client, choice, choice)
    toolkit.status = Status.CONCEPT  # its material unpublished: no longer a toolkit measure
    toolkit.save()
    _assert_counts_right(client, choice, choice)
    Level.objects.get(slug="team").delete()  # a level deleted, with its links
    _assert_counts_right(client, {}, {})
    Measure.objects.published().last().delete()
    _assert_counts_right(client, choice, choice)


def test_without_the_cache_the_counts_are_built_for_each_request_and_right(client, redis_down):
    _catalogue(random.Random(4))
    choice = {"thema": ["werving", "behoud"], "omvang": ["mkb"]}
    _assert_counts_right(client, choice, choice)
    Measure.objects.published().first().themes.clear()
    _assert_counts_right(client, choice, choice)


def test_the_portal_search_counts_kinds_themes_and_the_total_in_one_query(client):
    _catalogue(random.Random(2))
    url = reverse("sitesearch:search")
    for params in ({"q": "mentor"}, {"q": "mentor", "soort": "maatregel", "thema": "behoud"}):
        client.get(url, params)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        counting = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
        # The number of indexed documents (for the terms' weights) is cached from the first request.
        assert len(counting) == 1, counting


def test_the_ranked_pages_that_come_with_the_counts_follow_the_search_order(client):
    """Page after page, the one-query pages list the matches in the order of Measure.objects.matching."""
    for n in range(30):
        MeasureFactory(title=f"Mentor {n % 4}", summary="Een mentor." if n % 3 else "Samen leren.")
    expected = list(Measure.objects.published().matching("mentor samen").values_list("slug", flat=True))
    assert len(expected) == 30
    shown = []
    for number in (1, 2, 3):
        response = client.get(URL, {"q": "mentor samen", "pagina": number})
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 30
        shown += [measure.slug for measure in response.context["measures"]]
    assert shown == expected
    assert client.get(URL, {"q": "mentor samen", "pagina": 4}).status_code == 404
    assert client.get(URL, {"q": "mentor samen", "pagina": "nul"}).status_code == 404


def test_the_portal_search_pages_follow_the_search_order(client):
    for n in range(25):
        MeasureFactory(title=f"Buddy {n % 5}")
        MaterialFactory(title=f"Buddy toolkit {n}")
    url = reverse("sitesearch:search")
    expected = list(apply(SearchDocument.objects.all(), parse("buddy")).values_list("pk", flat=True))
    shown = []
    for number in (1, 2, 3):
        response = client.get(url, {"q": "buddy", "pagina": number})
        shown += [result["document"].pk for result in response.context["results"]]
    assert shown == expected


def test_reindex_search_renews_the_masks_after_a_change_made_outside_the_code(client):
    _catalogue(random.Random(5))
    choice = {"inspanning": [Band.HIGH]}
    _assert_counts_right(client, choice, choice)
    Measure.objects.filter(effort=Band.LOW).update(effort=Band.HIGH)  # no signals, as SQL in psql would
    call_command("reindex_search", verbosity=0)
    _assert_counts_right(client, choice, choice)
