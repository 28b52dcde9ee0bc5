"""Benchmark of the menukaart pages and the open-data API on a large catalogue. Not a test: it
measures and reports.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/via_portal .venv/bin/python bench/menukaart.py

Creates a separate, throw-away database next to DATABASE_URL (named bench_menukaart_<name>), fills
it with 5,000 published measures, 20,000 other items (materials, initiatives, practice examples) and
100,000 usage events, indexes them for search as sitesearch.indexing does (set-based), requests the
catalogue (plain, filtered, search), the portal-wide search, the materials search and detail pages,
and the API's measure list (/api/v1/maatregelen/: pages of 50 and of 200, filtered, an item, and a
conditional request answered 304), and reports p50/p95 latency, the ratio of each p95 to the measure
page's p95 in the same run, and the number of SQL queries per page. The API's rate limit is lifted
for the run. The database is removed afterwards, unless --keep: then it stays and the next run with
--keep reuses it (delete it with dropdb). Options: --measures, --others, --events, --runs,
--no-pages (the API only), --only (scenarios whose name contains this text), --keep, --text.

--text real (the default) writes the items with the words of the portal's own content, each as often
as it occurs there, and searches with the relevance set's queries (what employers type);
--text stress writes them with 40 words, so every search matches almost every item: the worst case
for ranking and facet counts.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from collections import Counter  # noqa: E402

import yaml  # noqa: E402
from django.contrib.postgres.aggregates import ArrayAgg  # noqa: E402
from django.contrib.postgres.search import SearchVector  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.db.models import Count, OuterRef, Subquery  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from menukaart.models import (  # noqa: E402
    Band,
    Evidence,
    Example,
    Initiative,
    Level,
    Material,
    Measure,
    OrganisationSize,
    Phase,
    Source,
    Status,
    Theme,
    UsageEvent,
)
from reach.api import ClientRateThrottle  # noqa: E402
from sitesearch.analysis import analyse, padded, words  # noqa: E402
from sitesearch.models import Kind, SearchDocument, SearchTerm  # noqa: E402
from sitesearch.relevance import load_set  # noqa: E402

# --text stress: 40 words, so every item contains almost every word and every search matches
# almost everything (the worst case for ranking and facet counts).
STRESS_WORDS = (
    "werving selectie behoud doorstroom leidinggevende team inclusie diversiteit cultuur mentor buddy "
    "onboarding exitgesprek vlootschouw beloning ondernemingsraad netwerk training vooroordelen cijfers "
    "monitor doelen charter ambassadeur stage sollicitatie vacature gesprek feedback loopbaan talent "
    "discriminatie veiligheid vertrouwenspersoon klachten dialoog rolmodel kalender feestdag taal"
).split()
WORDS = list(STRESS_WORDS)
WEIGHTS: list[int] | None = None  # None: every word equally often


def use_real_text() -> None:
    """--text real (the default): words drawn as often as they occur in the portal's own content
    (fixtures/menukaart), so a common word is in many items and a specific one in few, as in a
    real catalogue grown a hundredfold."""
    global WORDS, WEIGHTS
    counts: Counter[str] = Counter()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in {"slug", "url", "key", "measures", "sources"}:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            counts.update(word for word in words(value) if len(word) > 2 and word.isalpha())

    for name in ("measures.yaml", "materials.yaml", "initiatives.yaml", "examples.yaml"):
        walk(yaml.safe_load((ROOT / "fixtures" / "menukaart" / name).read_text(encoding="utf-8")))
    WORDS, WEIGHTS = list(counts), list(counts.values())


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, weights=WEIGHTS, k=n)).capitalize() + "."


def search_texts(rng: random.Random, real: bool, runs: int, *, questions: bool = False) -> list[str]:
    """What the search scenarios type: with real text the relevance set's own queries (what employers
    type), else 1-3 of the 40 words (or, as a question, four of them in a sentence)."""
    if real:
        queries = load_set()["questions" if questions else "short"]
        return [rng.choice(queries)["q"] for _ in range(runs)]
    if questions:
        return [" ".join(["Hoe", "pakken", "we", *rng.sample(WORDS, 4), "aan?"]) for _ in range(runs)]
    return [" ".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(runs)]


def build(measure_total: int, other_total: int, event_total: int, rng: random.Random) -> list[str]:
    taxonomy = yaml.safe_load((ROOT / "fixtures" / "menukaart" / "taxonomy.yaml").read_text(encoding="utf-8"))
    levels = Level.objects.bulk_create(Level(**term) for term in taxonomy["levels"])
    themes = Theme.objects.bulk_create(Theme(**term) for term in taxonomy["themes"])
    phases = Phase.objects.bulk_create(Phase(**term) for term in taxonomy["phases"])
    source = Source.objects.create(key="bench", citation="Benchmarkbron (2026).", year=2026)
    now = timezone.now()
    materials = Material.objects.bulk_create(
        Material(
            slug=f"materiaal-{n}",
            title=sentence(rng, 3),
            summary=sentence(rng, 12),
            kind=rng.choice(Material.Kind.values),
            url=f"https://www.example.nl/{n}",
            status=Status.PUBLISHED,
            published_at=now,
        )
        for n in range(200)
    )
    measures = Measure.objects.bulk_create(
        (
            Measure(
                slug=f"maatregel-{n}",
                title=sentence(rng, 5),
                summary=sentence(rng, 15),
                why_it_works="\n\n".join(sentence(rng, 40) for _ in range(3)),
                evidence=rng.choice(Evidence.values),
                steps=[sentence(rng, 10) for _ in range(4)],
                tips=[sentence(rng, 10) for _ in range(2)],
                pitfalls=[sentence(rng, 10) for _ in range(2)],
                size=rng.choice(OrganisationSize.values),
                effort=rng.choice(Band.values),
                cost=rng.choice(Band.values),
                status=Status.PUBLISHED,
                published_at=now - timedelta(days=rng.randint(0, 700)),
            )
            for n in range(measure_total)
        ),
        batch_size=1000,
    )
    through = [
        (Measure.levels.through, "level", levels, 2),
        (Measure.themes.through, "theme", themes, 2),
        (Measure.phases.through, "phase", phases, 1),
        (Measure.materials.through, "material", materials, 2),
    ]
    for model, column, terms, per_measure in through:
        model.objects.bulk_create(
            (
                model(measure_id=measure.pk, **{f"{column}_id": term.pk})
                for measure in measures
                for term in rng.sample(terms, per_measure)
            ),
            batch_size=5000,
        )
    Measure.sources.through.objects.bulk_create(
        (Measure.sources.through(measure_id=m.pk, source_id=source.pk) for m in measures), batch_size=5000
    )
    Measure.related.through.objects.bulk_create(
        (Measure.related.through(from_measure_id=m.pk, to_measure_id=rng.choice(measures).pk) for m in measures),
        batch_size=5000,
        ignore_conflicts=True,
    )
    others = build_others(other_total, rng, now)
    index(measures, materials, others, themes, rng)
    hour = now.replace(minute=0, second=0, microsecond=0)
    kinds = UsageEvent.Kind
    events = []
    for _ in range(event_total):
        kind = rng.choices([kinds.MEASURE_VIEW, kinds.SEARCH, kinds.PLAN_ADD, kinds.MATERIAL_CLICK], [6, 2, 1, 1])[0]
        event = UsageEvent(kind=kind, hour=hour - timedelta(hours=rng.randint(0, 24 * 365)))
        if kind in {kinds.MEASURE_VIEW, kinds.PLAN_ADD}:
            event.measure = rng.choice(measures)
        elif kind == kinds.MATERIAL_CLICK:
            event.material = rng.choice(materials)
        else:
            event.query = " ".join(rng.choices(WORDS, weights=WEIGHTS, k=2))
            event.result_count = rng.choice([0, 3, 12, 40])
        events.append(event)
    UsageEvent.objects.bulk_create(events, batch_size=5000)
    views = (
        UsageEvent.objects.filter(kind=kinds.MEASURE_VIEW, measure=OuterRef("pk"))
        .values("measure")
        .annotate(n=Count("id"))
        .values("n")
    )
    Measure.objects.update(view_count=Coalesce(Subquery(views), 0))
    return [m.slug for m in measures]


def build_others(total: int, rng: random.Random, now) -> dict[str, list]:
    """Materials, initiatives and examples beyond the 200 linked materials: half, a quarter, a quarter."""
    material_total, rest = total // 2, total - total // 2
    common = {"status": Status.PUBLISHED, "published_at": now}
    materials = Material.objects.bulk_create(
        (
            Material(slug=f"extra-materiaal-{n}", title=sentence(rng, 4), summary=sentence(rng, 25),
                     kind=rng.choice(Material.Kind.values), url=f"https://www.example.nl/m{n}", **common)
            for n in range(material_total)
        ),
        batch_size=2000,
    )  # fmt: skip
    initiatives = Initiative.objects.bulk_create(
        (Initiative(slug=f"initiatief-{n}", name=sentence(rng, 3), summary=sentence(rng, 25), **common)
         for n in range(rest // 2)),
        batch_size=2000,
    )  # fmt: skip
    examples = Example.objects.bulk_create(
        (
            Example(slug=f"voorbeeld-{n}", title=sentence(rng, 5), organisation="Bench BV",
                    what_they_did=" ".join(sentence(rng, 20) for _ in range(3)), **common)
            for n in range(rest - rest // 2)
        ),
        batch_size=2000,
    )  # fmt: skip
    return {Kind.MATERIAL: materials, Kind.INITIATIVE: initiatives, Kind.EXAMPLE: examples}


def index(measures, linked_materials, others, themes, rng: random.Random) -> None:
    """What sitesearch.indexing does per item, set-based: documents, their themes, vectors, vocabulary."""
    rows = [(Kind.MEASURE, m, m.title, m.summary, "\n".join([m.why_it_works, *m.steps, *m.tips, *m.pitfalls]))
            for m in measures]  # fmt: skip
    rows += [(Kind.MATERIAL, m, m.title, m.summary, m.get_kind_display()) for m in linked_materials]
    rows += [(Kind.MATERIAL, m, m.title, m.summary, m.get_kind_display()) for m in others[Kind.MATERIAL]]
    rows += [(Kind.INITIATIVE, i, i.name, i.summary, "") for i in others[Kind.INITIATIVE]]
    rows += [(Kind.EXAMPLE, e, e.title, e.what_they_did[:300], e.what_they_did) for e in others[Kind.EXAMPLE]]
    counts: Counter[str] = Counter()
    documents = []
    for kind, obj, title, summary, body in rows:
        doc = SearchDocument(
            kind=kind, object_id=obj.pk, measure_id=obj.pk if kind == Kind.MEASURE else None, title=title,
            summary=summary, url=f"/{kind}/{obj.pk}/", published_at=obj.published_at,
            title_terms=padded(analyse(title)), summary_terms=padded(analyse(summary)),
            body_terms=padded(analyse(body)),
        )  # fmt: skip
        counts.update(set(f"{doc.title_terms} {doc.summary_terms} {doc.body_terms}".split()))
        documents.append(doc)
    documents = SearchDocument.objects.bulk_create(documents, batch_size=2000)
    measure_themes = {
        row["measure_id"]: row["theme_ids"]
        for row in Measure.themes.through.objects.values("measure_id").annotate(theme_ids=ArrayAgg("theme_id"))
    }
    through = SearchDocument.themes.through
    links = []
    for doc in documents:
        theme_ids = measure_themes.get(doc.object_id, []) if doc.kind == Kind.MEASURE else rng.sample(themes, 1)
        links += [through(searchdocument_id=doc.pk, theme_id=getattr(t, "pk", t)) for t in theme_ids]
    through.objects.bulk_create(links, batch_size=5000)
    SearchDocument.objects.update(
        vector=SearchVector("title_terms", weight="A", config="simple")
        + SearchVector("summary_terms", weight="B", config="simple")
        + SearchVector("body_terms", weight="C", config="simple")
    )
    surface = {analyse(word)[0]: word for word in WORDS if analyse(word)}
    SearchTerm.objects.bulk_create(
        (SearchTerm(term=term, word=surface.get(term, term)[:100], document_count=n) for term, n in counts.items()),
        batch_size=5000,
    )


def time_pages(
    client: Client, scenarios: dict[str, list[str]], conditional: set[str], show_slowest: bool
) -> dict[str, tuple[float, float, int, int]]:
    """Time each scenario's URLs: (p50, p95, fewest queries, most queries) per scenario.

    The scenarios take turns, one request each, so that a slow spell of the machine falls on all of
    them alike and the ratios between them hold. A `conditional` scenario asks each URL with the
    ETag of its first answer (expects 304).
    """
    etags: dict[str, str] = {}
    for name, urls in scenarios.items():
        client.get(urls[0])  # warm up
        if name in conditional:
            etags |= {url: client.get(url)["ETag"] for url in set(urls)}
    timings: dict[str, list[float]] = {name: [] for name in scenarios}
    queries: dict[str, list[int]] = {name: [] for name in scenarios}
    slowest: dict[str, tuple[float, str]] = {name: (0.0, "") for name in scenarios}
    for turn in range(max(len(urls) for urls in scenarios.values())):
        for name, urls in scenarios.items():
            if turn >= len(urls):
                continue
            url = urls[turn]
            headers = {"if-none-match": etags[url]} if name in conditional else {}
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, headers=headers)
                timings[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == (304 if name in conditional else 200), (url, response.status_code)
            queries[name].append(len(captured.captured_queries))
            for query in captured.captured_queries:
                slowest[name] = max(slowest[name], (float(query["time"]), query["sql"]))
    results = {}
    for name, times in timings.items():
        if show_slowest:
            print(f"{name}\n  slowest query {slowest[name][0] * 1000:.0f} ms: {slowest[name][1][:400]}")
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
        results[name] = (statistics.median(times), p95, min(queries[name]), max(queries[name]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--others", type=int, default=20_000, help="materials, initiatives and examples")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40, help="requests per scenario")
    parser.add_argument("--show-slowest", action="store_true", help="print the slowest SQL query per page")
    parser.add_argument("--no-pages", action="store_true", help="time the open-data API only")
    parser.add_argument("--only", help="only the scenarios whose name contains this text (and the measure page)")
    parser.add_argument("--keep", action="store_true", help="keep the filled database; reuse it next time")
    parser.add_argument(
        "--text",
        choices=["real", "stress"],
        default="real",
        help="real: words as often as in the portal's content, the relevance set's queries (default); "
        "stress: 40 words, every search matches almost everything",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL (DATABASE_URL), as in production.")

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    # Its own name, so a benchmark never collides with a test run's test_<name> database.
    real = args.text == "real"
    if real:
        use_real_text()
    bench_name = f"bench_menukaart_{args.text}_{old_name}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = bench_name
    reused = args.keep and reuse(bench_name, args.measures)
    if not reused:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rng = random.Random(42)
        started = time.perf_counter()
        if reused:
            call_command("migrate", verbosity=0)  # a kept database follows the code's migrations
            slugs = list(Measure.objects.values_list("slug", flat=True))
            print(f"Reusing {bench_name} ({len(slugs):,} measures)")
        else:
            slugs = build(args.measures, args.others, args.events, rng)
            print(
                f"Built {args.measures:,} measures, {args.others:,} other items and {args.events:,} events "
                f"({args.text} text, {len(WORDS):,} words) in {time.perf_counter() - started:.1f} s"
            )
        with connection.cursor() as cursor:
            # As autovacuum keeps a live database: statistics current, changed pages marked visible.
            cursor.execute("VACUUM ANALYZE")
        client = Client()
        base = "/menukaart/"
        level_slugs = list(Level.objects.values_list("slug", flat=True))
        theme_slugs = list(Theme.objects.values_list("slug", flat=True))
        last_page = max(1, min(50, args.measures // 12))
        scenarios = {
            "list": [f"{base}?pagina={rng.randint(1, last_page)}" for _ in range(args.runs)],
            "list, sorted by most viewed": [
                f"{base}?sorteer=populair&pagina={rng.randint(1, min(5, last_page))}" for _ in range(args.runs)
            ],
            "filtered list": [
                f"{base}?niveau={rng.choice(level_slugs)}&thema={rng.choice(theme_slugs)}"
                f"&inspanning={rng.choice(Band.values)}&omvang=mkb"
                for _ in range(args.runs)
            ],
            "search": [f"{base}?{urlencode({'q': text})}" for text in search_texts(rng, real, args.runs)],
            "search + filters": [
                f"{base}?{urlencode({'q': text})}&niveau={rng.choice(level_slugs)}&bewijs={rng.randint(0, 4)}"
                for text in search_texts(rng, real, args.runs)
            ],
            "portal search": [f"/zoeken/?{urlencode({'q': text})}" for text in search_texts(rng, real, args.runs)],
            "portal search + facets": [
                f"/zoeken/?{urlencode({'q': text})}&soort={rng.choice(Kind.values[:4])}&thema={rng.choice(theme_slugs)}"
                for text in search_texts(rng, real, args.runs)
            ],
            "portal search, question": [
                f"/zoeken/?{urlencode({'q': text})}" for text in search_texts(rng, real, args.runs, questions=True)
            ],
            "materials search": [
                f"{base}materialen/?{urlencode({'q': text})}" for text in search_texts(rng, real, args.runs)
            ],
            "detail": [f"{base}maatregel/{rng.choice(slugs)}/" for _ in range(args.runs)],
        }
        if args.no_pages:
            scenarios = {}
        # The open-data API (reach/api.py): the same catalogue as JSON. Its rate limit is per
        # client, and every request here comes from one: lift it for the run.
        ClientRateThrottle.THROTTLE_RATES = {**ClientRateThrottle.THROTTLE_RATES, "open_data": "1000000/min"}
        api = "/api/v1/maatregelen/"
        api_pages = max(1, min(50, args.measures // 50))
        scenarios |= {
            "API list (50 a page)": [f"{api}?pagina={rng.randint(1, api_pages)}" for _ in range(args.runs)],
            "API list (200 a page)": [
                f"{api}?per_pagina=200&pagina={rng.randint(1, max(1, min(10, args.measures // 200)))}"
                for _ in range(args.runs)
            ],
            "API filtered list": [
                f"{api}?thema={rng.choice(theme_slugs)}&niveau={rng.choice(level_slugs)}&omvang=mkb"
                for _ in range(args.runs)
            ],
            "API item": [f"{api}{rng.choice(slugs)}/" for _ in range(args.runs)],
        }
        conditional = {"API list, If-None-Match (304)": [f"{api}?pagina={n % api_pages + 1}" for n in range(args.runs)]}
        chosen = {**scenarios, **conditional}
        if args.only:
            chosen = {name: urls for name, urls in chosen.items() if args.only in name or name == "detail"}
        results = time_pages(client, chosen, set(conditional), args.show_slowest)
        detail_p95 = results["detail"][1] if "detail" in results else None
        print(f"\n{'page':<30}{'p50 ms':>10}{'p95 ms':>10}{'p95/detail':>12}{'queries':>10}")
        for name, (p50, p95, fewest, most) in results.items():
            count = str(most) if fewest == most else f"{fewest}-{most}"
            ratio = f"{p95 / detail_p95:.1f}" if detail_p95 else "-"
            print(f"{name:<30}{p50:>10.1f}{p95:>10.1f}{ratio:>12}{count:>10}")
    finally:
        if args.keep:
            connection.close()
            print(f"Kept {bench_name}: the next run with --keep reuses it (dropdb {bench_name} removes it).")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def reuse(name: str, measure_total: int) -> bool:
    """Switch to an earlier run's kept database when it holds the same number of measures."""
    settings = connection.settings_dict
    original = settings["NAME"]
    settings["NAME"] = name
    connection.close()
    try:
        filled = Measure.objects.count() == measure_total
    except DatabaseError:  # the database does not exist (yet), or has no tables
        filled = False
    if filled:
        return True
    connection.close()
    settings["NAME"] = original
    return False


if __name__ == "__main__":
    main()
