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
INITIATIVE_FIELDS = {"slug", "name", "summary", "organiser", "url", "sources"}
MEASURE_SCALARS = {
    "slug", "title", "summary", "why_it_works", "evidence", "evidence_note", "backfire_warning", "steps", "tips",
    "pitfalls", "size", "effort", "cost", "lead_time", "works_council", "works_council_note", "privacy_note", "pilot",
}  # fmt: skip
MEASURE_LINKS = {"levels", "themes", "phases", "tags", "sources", "related", "materials", "initiatives"}
EXAMPLE_FIELDS = {"slug", "title", "organisation", "sector", "what_they_did", "what_it_brought", "measures", "themes"}
EXAMPLE_FIELDS |= {"sources", "size_band"}
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

    # --- the content ---------------------------------------------------------------------------

    def load(self):
        taxonomy = self.read("taxonomy.yaml")
        terms = {}
        for section, model in (("levels", Level), ("themes", Theme), ("phases", Phase)):
            terms[section] = {}
            data = (taxonomy or {}).get(section) if isinstance(taxonomy, dict) else None
            for record in self.records(f"taxonomy.yaml {section}", data or [], TAXONOMY_FIELDS):
                values = {k: record.get(k, "") for k in ("name", "description")}
                values["position"] = record.get("position", 0)
                obj = self.upsert(
                    model, {"slug": record["slug"]}, values, f"taxonomy {section} '{record['slug']}'", publish=False
                )
                if obj:
                    terms[section][obj.slug] = obj

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

        material_fields = ("title", "summary", "kind", "provider", "url", "cost", "audience")
        materials = self.load_simple("materials.yaml", Material, MATERIAL_FIELDS, material_fields, sources)
        initiatives = self.load_simple(
            "initiatives.yaml", Initiative, INITIATIVE_FIELDS, ("name", "summary", "organiser", "url"), sources
        )

        measure_records = self.records("measures.yaml", self.read("measures.yaml"), MEASURE_SCALARS | MEASURE_LINKS)
        measures = {}
        for record in measure_records:
            where = f"measures.yaml '{record['slug']}'"
            values = {field: record[field] for field in MEASURE_SCALARS - {"slug"} if field in record}
            for text_field in ("evidence_note", "backfire_warning", "lead_time", "works_council_note", "privacy_note"):
                values[text_field] = values.get(text_field) or ""
            obj = self.upsert(Measure, {"slug": record["slug"]}, values, where, publish=True)
            if obj is None:
                continue
            measures[obj.slug] = obj
            obj.levels.set(self.resolve(where, "levels", record.get("levels"), terms["levels"]))
            obj.themes.set(self.resolve(where, "themes", record.get("themes"), terms["themes"]))
            obj.phases.set(self.resolve(where, "phases", record.get("phases"), terms["phases"]))
            obj.sources.set(self.resolve(where, "sources", record.get("sources"), sources))
            obj.materials.set(self.resolve(where, "materials", record.get("materials"), materials))
            obj.initiatives.set(self.resolve(where, "initiatives", record.get("initiatives"), initiatives))
            obj.tags.set(record.get("tags") or [])
            for required in ("levels", "themes", "sources"):
                if not record.get(required):
                    self.errors.append(f"{where}: {required} mag niet leeg zijn")
        for record in measure_records:
            if record["slug"] in measures:
                where = f"measures.yaml '{record['slug']}'"
                related = self.resolve(where, "related", record.get("related"), measures)
                measures[record["slug"]].related.set([m for m in related if m.slug != record["slug"]])

        for record in self.records("examples.yaml", self.read("examples.yaml"), EXAMPLE_FIELDS):
            where = f"examples.yaml '{record['slug']}'"
            values = {k: record.get(k) or "" for k in ("title", "organisation", "sector", "size_band", "what_they_did")}
            values["what_it_brought"] = record.get("what_it_brought") or ""
            obj = self.upsert(Example, {"slug": record["slug"]}, values, where, publish=True)
            if obj is None:
                continue
            obj.measures.set(self.resolve(where, "measures", record.get("measures"), measures))
            obj.themes.set(self.resolve(where, "themes", record.get("themes"), terms["themes"]))
            obj.sources.set(self.resolve(where, "sources", record.get("sources"), sources))
            if not record.get("sources"):
                self.errors.append(f"{where}: sources mag niet leeg zijn")

        reindex(Kind.MEASURE, [obj.pk for obj in measures.values()])
        self.load_synonyms()

    def load_synonyms(self):
        """Seed the search synonyms (synonyms.yaml, optional): only terms not there yet, so editors' changes stay."""
        data = self.read("synonyms.yaml", required=False)
        if data is None:
            return
        existing = set(Synonym.objects.values_list("term", flat=True))
        tally = self.counts.setdefault(Synonym._meta.verbose_name_plural, [0, 0, 0])
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

    def load_simple(self, name, model, allowed, fields, sources):
        loaded = {}
        for record in self.records(name, self.read(name), allowed):
            where = f"{name} '{record['slug']}'"
            values = {field: record.get(field) or "" for field in fields}
            if "cost" in values:
                values["cost"] = values["cost"] or Material.Cost.UNKNOWN
            obj = self.upsert(model, {"slug": record["slug"]}, values, where, publish=True)
            if obj is None:
                continue
            obj.sources.set(self.resolve(where, "sources", record.get("sources"), sources))
            loaded[obj.slug] = obj
        return loaded


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
