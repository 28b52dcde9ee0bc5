"""Load the menukaart content from YAML: taxonomy, sources, materials, initiatives, measures, examples.

Idempotent: every item is matched on its slug (sources on their key) and updated in place; items
that did not change are not saved again (so the change history stays meaningful). Everything is
loaded in one transaction: on any error nothing is written and every problem is listed.
All loaded items are published.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from menukaart.models import Example, Initiative, Level, Material, Measure, Phase, Source, Status, Theme
from sitesearch.indexing import batched, reindex
from sitesearch.models import Kind, Synonym

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "menukaart"

TAXONOMY_FIELDS = {"slug", "name", "description", "position"}
SOURCE_FIELDS = {"key", "citation", "year", "url", "kind"}
MATERIAL_FIELDS = {"slug", "title", "summary", "kind", "provider", "url", "cost", "audience", "sources"}
MATERIAL_FIELDS |= {"in_development"}
INITIATIVE_FIELDS = {"slug", "name", "summary", "organiser", "url", "sources"}
MEASURE_SCALARS = {
    "slug", "title", "summary", "why_it_works", "evidence", "evidence_note", "backfire_warning", "steps", "tips",
    "pitfalls", "size", "effort", "cost", "lead_time", "works_council", "works_council_note", "privacy_note", "pilot",
}  # fmt: skip
MEASURE_LINKS = {"levels", "themes", "phases", "tags", "sources", "related", "materials", "initiatives"}
EXAMPLE_FIELDS = {"slug", "title", "organisation", "sector", "what_they_did", "what_it_brought", "measures", "themes"}
EXAMPLE_FIELDS |= {"sources", "size_band"}
TAXONOMY = (("levels", Level), ("themes", Theme), ("phases", Phase))
MATERIAL_VALUES = ("title", "summary", "kind", "provider", "url", "cost", "audience")
INITIATIVE_VALUES = ("name", "summary", "organiser", "url")
# Optional names of materials and initiatives: empty when unknown, never a placeholder.
OPTIONAL_NAMES = ("provider", "audience", "organiser")
# Optional text fields of a measure: empty when left out or null in the YAML.
MEASURE_OPTIONAL_TEXTS = ("evidence_note", "backfire_warning", "lead_time", "works_council_note", "privacy_note")
SYNONYM_FIELDS = {"term", "related", "note"}


class Loader:
    def __init__(self, path: Path):
        self.path = path
        self.errors: list[str] = []
        self.counts: dict[str, list[int]] = {}  # name -> [created, updated, unchanged]

    # --- helpers -------------------------------------------------------------------------------

    def read(self, name: str, *, required: bool = True):
        file = self.path / name
        if not file.exists():
            if required:
                self.errors.append(f"{name}: bestand ontbreekt in {self.path}")
            return None
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there
            return yaml.load(file.read_text(encoding="utf-8"), Loader=loader) or []  # noqa: S506 (a safe loader)  # nosec B506
        except yaml.YAMLError as error:
            self.errors.append(f"{name}: geen geldige YAML: {error}")
            return None

    def records(self, name: str, data, allowed: set[str], key: str = "slug") -> list[dict]:
        if not isinstance(data, list):
            self.errors.append(f"{name}: verwacht een lijst met items")
            return []
        seen = set()
        good = []
        for number, record in enumerate(data, start=1):
            where = f"{name} item {number}"
            if not isinstance(record, dict) or not record.get(key):
                self.errors.append(f"{where}: '{key}' ontbreekt")
                continue
            where = f"{name} '{record[key]}'"
            if record[key] in seen:
                self.errors.append(f"{where}: komt twee keer voor")
                continue
            seen.add(record[key])
            unknown = set(record) - allowed
            if unknown:
                self.errors.append(f"{where}: onbekende velden {', '.join(sorted(unknown))}")
            good.append(record)
        return good

    def upsert(self, model, lookup: dict, values: dict, where: str, *, publish: bool):
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = created
        for field, value in values.items():
            if getattr(obj, field) != value:
                setattr(obj, field, value)
                changed = True
        if publish and obj.status != Status.PUBLISHED:
            obj.publish()
            changed = True
        try:
            obj.full_clean(validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.errors.append(f"{where}: {field}: {' '.join(messages)}")
            return None
        if changed:
            obj._change_reason = "load_menukaart"
            obj.save()
        tally = self.counts.setdefault(model._meta.verbose_name_plural, [0, 0, 0])
        tally[0 if created else (1 if changed else 2)] += 1
        return obj

    def resolve(self, where: str, field: str, wanted, known: dict):
        if wanted is None:
            return []
        if not isinstance(wanted, list):
            self.errors.append(f"{where}: {field} moet een lijst zijn")
            return []
        missing = [str(value) for value in wanted if value not in known]
        if missing:
            self.errors.append(f"{where}: {field} verwijst naar onbekende {', '.join(missing)}")
        return [known[value] for value in wanted if value in known]

    def link(self, obj, where: str, record: dict, field: str, known: dict) -> None:
        """Set a many-to-many field from the record's list of slugs (keys for sources)."""
        getattr(obj, field).set(self.resolve(where, field, record.get(field), known))

    def refuse_placeholders(self, where: str, values: dict) -> None:
        """An unknown provider, audience or organiser is left empty (the page then leaves it out),
        not written as "Onbekend (...)". (The cost has its own value "onbekend".)"""
        for field in OPTIONAL_NAMES:
            if str(values.get(field) or "").strip().casefold().startswith("onbekend"):
                self.errors.append(f"{where}: {field}: laat het veld leeg als het onbekend is")

    def require(self, where: str, record: dict, fields: tuple[str, ...]) -> None:
        for field in fields:
            if not record.get(field):
                self.errors.append(f"{where}: {field} mag niet leeg zijn")

    # --- the content, one file at a time: what others link to first ----------------------------

    def load(self) -> None:
        terms = self.load_taxonomy()
        sources = self.load_sources()
        materials = self.load_simple("materials.yaml", Material, MATERIAL_FIELDS, MATERIAL_VALUES, sources)
        initiatives = self.load_simple("initiatives.yaml", Initiative, INITIATIVE_FIELDS, INITIATIVE_VALUES, sources)
        measures = self.load_measures(terms, sources, materials, initiatives)
        self.load_examples(terms, sources, measures)
        reindex(Kind.MEASURE, [obj.pk for obj in measures.values()])
        self.load_synonyms()

    def load_taxonomy(self) -> dict[str, dict[str, Level | Theme | Phase]]:
        """Levels, themes and phases, from the three sections of taxonomy.yaml."""
        taxonomy = self.read("taxonomy.yaml")
        sections = taxonomy if isinstance(taxonomy, dict) else {}
        return {section: self.load_terms(section, model, sections.get(section)) for section, model in TAXONOMY}

    def load_terms(self, section: str, model: type[Level | Theme | Phase], data) -> dict[str, Level | Theme | Phase]:
        terms = {}
        for record in self.records(f"taxonomy.yaml {section}", data or [], TAXONOMY_FIELDS):
            values = {k: record.get(k, "") for k in ("name", "description")}
            values["position"] = record.get("position", 0)
            where = f"taxonomy {section} '{record['slug']}'"
            obj = self.upsert(model, {"slug": record["slug"]}, values, where, publish=False)
            if obj:
                terms[obj.slug] = obj
        return terms

    def load_sources(self) -> dict[str, Source]:
        sources = {}
        for record in self.records("sources.yaml", self.read("sources.yaml"), SOURCE_FIELDS, key="key"):
            values = {
                "citation": record.get("citation", ""),
                "year": record.get("year"),
                "url": record.get("url") or "",
                "kind": record.get("kind") or Source.Kind.DOCUMENT,
            }
            obj = self.upsert(Source, {"key": record["key"]}, values, f"sources.yaml '{record['key']}'", publish=False)
            if obj:
                sources[obj.key] = obj
        return sources

    def load_simple(self, name: str, model, allowed: set[str], fields: tuple[str, ...], sources: dict) -> dict:
        """Materials and initiatives: text fields and their sources."""
        loaded = {}
        for record in self.records(name, self.read(name), allowed):
            where = f"{name} '{record['slug']}'"
            values = {field: record.get(field) or "" for field in fields}
            self.refuse_placeholders(where, values)
            if model is Material:
                values["cost"] = values["cost"] or Material.Cost.UNKNOWN
                values["in_development"] = record.get("in_development", False)
                if not isinstance(values["in_development"], bool):
                    self.errors.append(f"{where}: in_development moet true of false zijn")
                    values["in_development"] = False
            obj = self.upsert(model, {"slug": record["slug"]}, values, where, publish=True)
            if obj is None:
                continue
            self.link(obj, where, record, "sources", sources)
            loaded[obj.slug] = obj
        return loaded

    def load_measures(self, terms: dict, sources: dict, materials: dict, initiatives: dict) -> dict[str, Measure]:
        records = self.records("measures.yaml", self.read("measures.yaml"), MEASURE_SCALARS | MEASURE_LINKS)
        known = {**terms, "sources": sources, "materials": materials, "initiatives": initiatives}
        measures = {}
        for record in records:
            measure = self.save_measure(record, known)
            if measure is not None:
                measures[measure.slug] = measure
        # Related measures once all are saved, so a measure may point to one further down the file.
        for record in records:
            if record["slug"] in measures:
                where = f"measures.yaml '{record['slug']}'"
                related = self.resolve(where, "related", record.get("related"), measures)
                measures[record["slug"]].related.set([m for m in related if m.slug != record["slug"]])
        return measures

    def save_measure(self, record: dict, known: dict[str, dict]) -> Measure | None:
        where = f"measures.yaml '{record['slug']}'"
        values = {field: record[field] for field in MEASURE_SCALARS - {"slug"} if field in record}
        for text_field in MEASURE_OPTIONAL_TEXTS:
            values[text_field] = values.get(text_field) or ""
        measure = self.upsert(Measure, {"slug": record["slug"]}, values, where, publish=True)
        if measure is None:
            return None
        for field in ("levels", "themes", "phases", "sources", "materials", "initiatives"):
            self.link(measure, where, record, field, known[field])
        measure.tags.set(record.get("tags") or [])
        self.require(where, record, ("levels", "themes", "sources"))
        return measure

    def load_examples(self, terms: dict, sources: dict, measures: dict) -> None:
        for record in self.records("examples.yaml", self.read("examples.yaml"), EXAMPLE_FIELDS):
            where = f"examples.yaml '{record['slug']}'"
            values = {k: record.get(k) or "" for k in ("title", "organisation", "sector", "size_band", "what_they_did")}
            values["what_it_brought"] = record.get("what_it_brought") or ""
            example = self.upsert(Example, {"slug": record["slug"]}, values, where, publish=True)
            if example is None:
                continue
            self.link(example, where, record, "measures", measures)
            self.link(example, where, record, "themes", terms["themes"])
            self.link(example, where, record, "sources", sources)
            self.require(where, record, ("sources",))

    def load_synonyms(self) -> None:
        """Seed the search synonyms (synonyms.yaml, optional): only terms not there yet, so editors' changes stay."""
        data = self.read("synonyms.yaml", required=False)
        if data is None:
            return
        existing = set(Synonym.objects.values_list("term", flat=True))
        tally = self.counts.setdefault(str(Synonym._meta.verbose_name_plural), [0, 0, 0])
        for record in self.records("synonyms.yaml", data, SYNONYM_FIELDS, key="term"):
            related = record.get("related")
            if isinstance(related, list):
                related = ", ".join(str(item) for item in related)
            if not related or not isinstance(related, str):
                self.errors.append(f"synonyms.yaml '{record['term']}': related mag niet leeg zijn")
                continue
            term = " ".join(str(record["term"]).lower().split())
            if term in existing:
                tally[2] += 1
                continue
            Synonym.objects.create(term=term, related=related, note=record.get("note") or "")
            existing.add(term)
            tally[0] += 1


class Command(BaseCommand):
    help = "Load (or update) the menukaart content from fixtures/menukaart/*.yaml. Idempotent; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DEFAULT_PATH, help="Folder with the YAML files.")

    def handle(self, *args, **options):
        loader = Loader(options["path"])
        started = timezone.now()
        with transaction.atomic(), batched():
            loader.load()
            if loader.errors:
                raise CommandError(
                    "De menukaart is niet geladen; er is niets gewijzigd. Los deze fouten op:\n  - "
                    + "\n  - ".join(loader.errors)
                )
        if options["verbosity"] < 1:
            return
        seconds = (timezone.now() - started).total_seconds()
        for name, (created, updated, unchanged) in loader.counts.items():
            self.stdout.write(f"{name}: {created} nieuw, {updated} bijgewerkt, {unchanged} ongewijzigd")
        self.stdout.write(self.style.SUCCESS(f"Menukaart geladen in {seconds:.1f} s."))
