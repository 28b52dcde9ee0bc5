"""load_menukaart: idempotent upsert of the YAML content, all or nothing, with clear errors."""

import pytest
import yaml
from django.core.management import CommandError, call_command

from menukaart.models import Example, Initiative, Level, Material, Measure, Phase, Source, Status, Theme

TAXONOMY = {
    "levels": [{"slug": "hr", "name": "HR", "description": "Voor HR.", "position": 1}],
    "themes": [{"slug": "behoud", "name": "Behoud", "description": "Mensen houden.", "position": 1}],
    "phases": [{"slug": "commitment", "name": "Commitment", "description": "Stap 1.", "position": 1}],
}
SOURCES = [{"key": "tno-2022", "citation": "TNO (2022), Handreiking.", "year": 2022, "url": "", "kind": "document"}]
MATERIALS = [
    {
        "slug": "koerskaart",
        "title": "Koerskaart",
        "summary": "Een spel.",
        "kind": "game",
        "provider": "SZW",
        "url": "https://www.example.nl/koerskaart",
        "cost": "gratis",
        "audience": "Teams",
        "sources": ["tno-2022"],
    }
]
INITIATIVES = [{"slug": "charter", "name": "Charter", "summary": "Een charter.", "organiser": "SER", "url": "",
                "sources": ["tno-2022"]}]  # fmt: skip


def measure(slug="exitgesprekken", **overrides):
    data = {
        "slug": slug,
        "title": "Voer exitgesprekken",
        "summary": "Vraag vertrekkers waarom ze gaan.",
        "why_it_works": "Je leert waar uitsluiting zit.",
        "evidence": 1,
        "evidence_note": "",
        "backfire_warning": "",
        "steps": ["Plan het gesprek."],
        "tips": [],
        "pitfalls": [],
        "levels": ["hr"],
        "themes": ["behoud"],
        "phases": ["commitment"],
        "size": "beide",
        "effort": "laag",
        "cost": "laag",
        "lead_time": "1 maand",
        "works_council": False,
        "works_council_note": "",
        "privacy_note": "",
        "pilot": True,
        "tags": ["vertrek"],
        "sources": ["tno-2022"],
        "related": [],
        "materials": ["koerskaart"],
        "initiatives": ["charter"],
    }
    data.update(overrides)
    return data


EXAMPLES = [
    {
        "slug": "gemeente-x",
        "title": "Gemeente X vraagt door",
        "organisation": "Gemeente X",
        "sector": "O",
        "size_band": "250+",
        "what_they_did": "Exitgesprekken.",
        "what_it_brought": "Inzicht.",
        "measures": ["exitgesprekken"],
        "themes": ["behoud"],
        "sources": ["tno-2022"],
    }
]


def write_content(path, *, measures=None, examples=None, materials=None):
    files = {
        "taxonomy.yaml": TAXONOMY,
        "sources.yaml": SOURCES,
        "materials.yaml": materials if materials is not None else MATERIALS,
        "initiatives.yaml": INITIATIVES,
        "measures.yaml": measures if measures is not None else [measure()],
        "examples.yaml": examples if examples is not None else EXAMPLES,
    }
    for name, data in files.items():
        (path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_loads_small_content_published_with_all_links(tmp_path):
    call_command("load_menukaart", path=write_content(tmp_path), verbosity=0)

    item = Measure.objects.get(slug="exitgesprekken")
    assert item.status == Status.PUBLISHED and item.published_at is not None
    assert [level.slug for level in item.levels.all()] == ["hr"]
    assert [m.slug for m in item.materials.all()] == ["koerskaart"]
    assert [i.slug for i in item.initiatives.all()] == ["charter"]
    assert list(item.tags.names()) == ["vertrek"]
    assert Example.objects.get(slug="gemeente-x").measures.get() == item
    assert Material.objects.published().count() == 1
    assert Initiative.objects.published().count() == 1


@pytest.mark.django_db
def test_running_twice_changes_nothing_and_updates_in_place(tmp_path):
    path = write_content(tmp_path)
    call_command("load_menukaart", path=path, verbosity=0)
    history = Measure.history.count()
    first_published = Measure.objects.get().published_at

    call_command("load_menukaart", path=path, verbosity=0)
    assert Measure.objects.count() == 1
    assert Measure.history.count() == history, "an unchanged item must not be saved again"

    write_content(tmp_path, measures=[measure(title="Voer goede exitgesprekken")])
    call_command("load_menukaart", path=path, verbosity=0)
    updated = Measure.objects.get()
    assert updated.title == "Voer goede exitgesprekken"
    assert updated.published_at == first_published
    assert Measure.history.count() == history + 1


@pytest.mark.django_db
def test_unknown_reference_is_reported_and_nothing_is_written(tmp_path):
    path = write_content(tmp_path, measures=[measure(themes=["behoud", "bestaat-niet"], related=["ook-niet"])])
    with pytest.raises(CommandError) as error:
        call_command("load_menukaart", path=path, verbosity=0)
    message = str(error.value)
    assert "measures.yaml 'exitgesprekken': themes verwijst naar onbekende bestaat-niet" in message
    assert "related verwijst naar onbekende ook-niet" in message
    assert "niets gewijzigd" in message
    assert not Measure.objects.exists()
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_invalid_values_and_unknown_fields_are_reported(tmp_path):
    path = write_content(tmp_path, measures=[measure(evidence=7, effort="enorm", colour="blauw")])
    with pytest.raises(CommandError) as error:
        call_command("load_menukaart", path=path, verbosity=0)
    message = str(error.value)
    assert "onbekende velden colour" in message
    assert "evidence" in message and "effort" in message


@pytest.mark.django_db
def test_material_in_development_is_loaded(tmp_path):
    materials = [{**MATERIALS[0], "in_development": True}]
    call_command("load_menukaart", path=write_content(tmp_path, materials=materials), verbosity=0)
    assert Material.objects.get(slug="koerskaart").in_development is True


@pytest.mark.django_db
def test_onbekend_as_a_value_is_refused(tmp_path):
    """An unknown provider is left empty (the page leaves it out), not written as "Onbekend (...)"."""
    materials = [{**MATERIALS[0], "provider": "Onbekend (de bron noemt geen aanbieder)", "in_development": "ja"}]
    with pytest.raises(CommandError) as error:
        call_command("load_menukaart", path=write_content(tmp_path, materials=materials), verbosity=0)
    message = str(error.value)
    assert "materials.yaml 'koerskaart': provider: laat het veld leeg als het onbekend is" in message
    assert "materials.yaml 'koerskaart': in_development moet true of false zijn" in message


@pytest.mark.django_db
def test_missing_file_is_reported(tmp_path):
    path = write_content(tmp_path)
    (path / "examples.yaml").unlink()
    with pytest.raises(CommandError, match="examples.yaml: bestand ontbreekt"):
        call_command("load_menukaart", path=path, verbosity=0)


@pytest.mark.django_db
def test_real_content_loads_completely_and_is_idempotent(catalogue):
    """The Dutch fixture content: well over 40 measures and examples, every one citing a source."""
    assert Level.objects.count() == 4
    assert Theme.objects.count() == 8
    assert list(Phase.objects.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    measures = Measure.objects.published()
    assert measures.count() + Example.objects.published().count() > 40
    assert not measures.filter(sources=None).exists()
    assert not Example.objects.filter(sources=None).exists()
    assert not measures.filter(search_document=None).exists()
    count = Measure.history.count()
    call_command("load_menukaart", verbosity=0)
    assert Measure.history.count() == count


@pytest.mark.django_db
def test_load_demo_loads_the_menukaart(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert Measure.objects.published().count() >= 40
    # Beheer's review block shows a short list in the demo, not every item.
    from menukaart.attention import due_for_review_filter

    assert Measure.objects.filter(due_for_review_filter()).count() == 3
