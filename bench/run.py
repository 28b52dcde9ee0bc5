"""`make bench`: one table of the key pages against their floor and against django-helpdesk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/run.py [--quick] [--runs 30] [--output docs/benchmarks.md]

Prepares the data (kept between runs; only what is missing is filled):

- `via_bench_portal`: 5,000 published measures with 100,000 usage events (bench/menukaart.py's
  build) and 200,000 tickets with two messages each (bench/helpdesk.py's generate);
- `via_bench_impact`: 1,000,000 tickets with messages and ten usage events each, in SQL
  (bench/report.py's fill);
- `via_bench_djhelpdesk`: 200,000 tickets in django-helpdesk 2.6.1, in a virtual environment of
  its own (bench/django_helpdesk_compare.py).

`--quick` uses small sizes (200 measures, 2,000 tickets, 10,000 for the report) in databases of
their own (`via_bench_quick_*`), for a check in a minute or two; it writes the document only when
`--output` is given. The host, port and user come from DATABASE_URL (its database name is not
used).

Then, per key page, it times our page and its floor (bench/floor.py: a bare Django view behind the
same middleware, logged in the same way, that fetches and renders the same rows with a minimal
template) in the same process, interleaved (every repetition asks both, in alternating order,
with the same URL parameters), through Django's test Client (full request cycle, no network); and
for the helpdesk pages django-helpdesk 2.6.1 at the same ticket count (in its own process, after
ours). p50 is the median, p95 interpolated; queries are counted per request. It prints one table
and writes the measured section of docs/benchmarks.md (between its markers; the text around it
is kept) with the date, the machine, the load average before and after, and PostgreSQL's version.
"""

import argparse
import inspect
import os
import platform
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "benchmarks.md"
BEGIN_MARK = "<!-- bench:begin (written by bench/run.py; edit the text outside these markers) -->"
END_MARK = "<!-- bench:end -->"


@dataclass(frozen=True)
class Sizes:
    measures: int
    events: int
    others: int  # materials, initiatives and examples, where the catalogue's build makes them
    tickets: int
    report_tickets: int
    runs: int
    warmup: int
    report_runs: int
    prefix: str  # database names: <prefix>portal, <prefix>impact, <prefix>djhelpdesk


FULL = Sizes(5_000, 100_000, 20_000, 200_000, 1_000_000, runs=30, warmup=3, report_runs=3, prefix="via_bench_")
QUICK = Sizes(200, 2_000, 200, 2_000, 10_000, runs=10, warmup=2, report_runs=3, prefix="via_bench_quick_")


def database_url(name: str, base: str | None = None) -> str:
    """DATABASE_URL (or the local default) with its database name replaced by `name`."""
    parts = urlsplit(base or os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(parts._replace(path=f"/{name}"))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a check (databases via_bench_quick_*)")
    parser.add_argument("--runs", type=int, help="repetitions per page (default 30; quick 10)")
    parser.add_argument("--report-runs", type=int, help="repetitions of the report (default 3)")
    parser.add_argument("--output", type=Path, help=f"the document to write (default {DEFAULT_OUTPUT}; quick: none)")
    parser.add_argument("--no-compare", action="store_true", help="leave out django-helpdesk")
    parser.add_argument("--no-report", action="store_true", help="leave out the impact report")
    parser.add_argument("--prepare-only", action="store_true", help="fill the databases, measure nothing")
    parser.add_argument("--pages", help="only these pages (comma-separated names, e.g. 'queue default,ticket page')")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    args.sizes = Sizes(
        **{
            **sizes.__dict__,
            "runs": args.runs or sizes.runs,
            "report_runs": args.report_runs or sizes.report_runs,
        }
    )
    if args.output is None and not args.quick:
        args.output = DEFAULT_OUTPUT
    return args


if __name__ == "__main__":
    ARGS = parse_args()
    # The project's root instead of bench/ (whose helpdesk.py and menukaart.py would shadow the apps).
    sys.path[0] = str(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url(f"{ARGS.sizes.prefix}portal")
    import warnings

    import django

    # WhiteNoise serves from the finders here (bench/settings.py): no collected static folder needed.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

# --- measuring --------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass
class Samples:
    ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    def add(self, ms: float, queries: int) -> None:
        self.ms.append(ms)
        self.queries.append(queries)

    def summary(self) -> dict:
        return {
            "p50_ms": statistics.median(self.ms),
            "p95_ms": percentile(self.ms, 0.95),
            "queries": max(self.queries),
            "queries_min": min(self.queries),
            "samples": len(self.ms),
        }


@dataclass
class Page:
    """A key page: our URL and the floor's for repetition n (the same parameters for both)."""

    name: str
    ours: object  # callable(n) -> URL
    floor: object  # callable(n) -> URL
    client: Client
    kind: str = "page"  # "page", or "report" (a computation, not a request)


def timed_get(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, expected 200")
    return elapsed, len(captured)


def measure_pages(pages: list[Page], runs: int, warmup: int, log=print) -> dict[str, dict]:
    """Every repetition asks every page, ours and its floor back to back (which goes first
    alternates), so a burst of load on the machine falls on both sides of a ratio."""
    results = {page.name: {"ours": Samples(), "floor": Samples()} for page in pages}
    for n in range(warmup + runs):
        for page in pages:
            sides = [("ours", page.ours), ("floor", page.floor)]
            if n % 2:
                sides.reverse()
            for side, url in sides:
                ms, queries = timed_get(page.client, url(n))
                if n >= warmup:
                    results[page.name][side].add(ms, queries)
        if n >= warmup and (n - warmup + 1) % 10 == 0:
            log(f"  {n - warmup + 1} / {runs} repetitions")
    return {name: summarise(sides) for name, sides in results.items()}


def summarise(sides: dict[str, Samples]) -> dict:
    """Both sides' summaries, and "ratio": the median of the repetitions' own ratios ours / floor
    (each repetition measures both back to back, under the same load)."""
    ours, floor = sides["ours"], sides["floor"]
    summary = {side: samples.summary() for side, samples in sides.items()}
    summary["ratio"] = statistics.median(a / b for a, b in zip(ours.ms, floor.ms, strict=True))
    return summary


# --- the key pages ----------------------------------------------------------------------------------


CATALOGUE_WORDS = ["werving", "inclusie", "mentor", "leidinggevende", "cultuur", "vacature", "feedback", "talent"]
QUEUE_SEARCH = "anoniem"


def catalogue_pages(client: Client, measures: int, seed: int = 42) -> list[Page]:
    from menukaart.models import Band, Level, Measure, Theme

    rng = random.Random(seed)
    levels = list(Level.objects.values_list("slug", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    slugs = list(Measure.objects.published().order_by("pk").values_list("slug", flat=True))
    last_page = max(1, min(50, measures // 12))
    api_pages = max(1, min(50, measures // 50))
    n_params = 200  # parameters drawn once; repetition n uses the n-th
    lists = [f"pagina={rng.randint(1, last_page)}" for _ in range(n_params)]
    filtered = [
        f"niveau={rng.choice(levels)}&thema={rng.choice(themes)}&inspanning={rng.choice(Band.values)}&omvang=mkb"
        for _ in range(n_params)
    ]
    searches = [f"q={'+'.join(rng.sample(CATALOGUE_WORDS, rng.randint(1, 2)))}" for _ in range(n_params)]
    details = [rng.choice(slugs) for _ in range(n_params)]
    api = [f"pagina={rng.randint(1, api_pages)}" for _ in range(n_params)]

    def pick(values, url):
        return lambda n: url.format(values[n % len(values)])

    return [
        Page("catalogue list", pick(lists, "/menukaart/?{}"), pick(lists, "/bench-floor/menukaart/?{}"), client),
        Page(
            "catalogue filtered", pick(filtered, "/menukaart/?{}"), pick(filtered, "/bench-floor/menukaart/?{}"), client
        ),
        Page(
            "catalogue search", pick(searches, "/menukaart/?{}"), pick(searches, "/bench-floor/menukaart/?{}"), client
        ),
        Page(
            "measure page",
            pick(details, "/menukaart/maatregel/{}/"),
            pick(details, "/bench-floor/menukaart/maatregel/{}/"),
            client,
        ),
        Page("API list", pick(api, "/api/v1/maatregelen/?{}"), pick(api, "/bench-floor/api/maatregelen/?{}"), client),
    ]


def helpdesk_pages(client: Client, ticket_reference: str) -> list[Page]:
    def fixed(url):
        return lambda n: url

    filtered = "status=nieuw&channel=doorverwijzing&unassigned=true&sort=-ontvangen"
    return [
        Page("queue default", fixed("/helpdesk/wachtrij/"), fixed("/bench-floor/helpdesk/wachtrij/"), client),
        Page(
            "queue filtered",
            fixed(f"/helpdesk/wachtrij/?{filtered}"),
            fixed(f"/bench-floor/helpdesk/wachtrij/?{filtered}"),
            client,
        ),
        Page(
            "queue searched",
            fixed(f"/helpdesk/wachtrij/?q={QUEUE_SEARCH}"),
            fixed(f"/bench-floor/helpdesk/wachtrij/?q={QUEUE_SEARCH}"),
            client,
        ),
        Page(
            "ticket page",
            fixed(f"/helpdesk/wachtrij/{ticket_reference}/"),
            fixed(f"/bench-floor/helpdesk/wachtrij/{ticket_reference}/"),
            client,
        ),
    ]


# Our page -> django-helpdesk's (its queue is a page plus a rows request; "total" is both).
DJANGO_HELPDESK_PAGES = {
    "queue default": "queue_default_total",
    "queue filtered": "queue_filtered_total",
    "queue searched": "queue_search_total",
    "ticket page": "ticket_page",
}
ORDER = [
    "catalogue list",
    "catalogue filtered",
    "catalogue search",
    "measure page",
    "queue default",
    "queue filtered",
    "queue searched",
    "ticket page",
    "API list",
    "report production",
]


# --- the table --------------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _queries(summary: dict) -> str:
    if summary["queries_min"] != summary["queries"]:
        return f"{summary['queries_min']}-{summary['queries']}"
    return str(summary["queries"])


def table_rows(results: dict, theirs: dict) -> list[list[str]]:
    """One row per page: ours, the floor, ours/floor (paired), django-helpdesk, ours/django-helpdesk (p50s)."""
    rows = []
    for name in sorted(results, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER)):
        ours, floor = results[name]["ours"], results[name]["floor"]
        unit = " s" if name == "report production" else ""
        scale = 1000 if unit else 1
        row = [
            name,
            _ms(ours["p50_ms"] / scale) + unit,
            _ms(ours["p95_ms"] / scale) + unit,
            _queries(ours),
            _ms(floor["p50_ms"] / scale) + unit,
            _ms(floor["p95_ms"] / scale) + unit,
            _queries(floor),
            f"{results[name]['ratio']:.1f}x",
        ]
        if name in theirs:
            dh = theirs[name]
            row += [_ms(dh["p50_ms"]), _ms(dh["p95_ms"]), str(dh["queries"]), f"{ours['p50_ms'] / dh['p50_ms']:.2f}x"]
        else:
            row += ["", "", "", ""]
        rows.append(row)
    return rows


HEADER = [
    "page",
    "ours p50 ms",
    "p95",
    "queries",
    "floor p50 ms",
    "p95",
    "queries",
    "ours / floor",
    "django-helpdesk p50 ms",
    "p95",
    "queries",
    "ours / django-helpdesk",
]


def format_text(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = []
    for row in [HEADER, *rows]:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row) if i]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def format_markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "| --- |" + " ---: |" * (len(HEADER) - 1)]
    lines += ["| " + " | ".join(cell or "–" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# --- the machine ------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        ram = f"{mem_kb / 1024 / 1024:.0f} GB"
    except (OSError, TypeError):
        ram = "unknown"
    import django

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
    }


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def document(
    *, rows, info: dict, sizes: Sizes, quick: bool, load_before: str, load_after: str, fill: dict, seconds: float
) -> str:
    label = "Quick run (small sizes, a check of the runner; not the benchmark's sizes)" if quick else "Full run"
    fills = ", ".join(f"{name} {secs:,.0f} s" for name, secs in fill.items()) or "-"
    return "\n".join(
        [
            BEGIN_MARK,
            f"**{label}** on {timezone.localdate().isoformat()}: {sizes.measures:,} measures, "
            f"{sizes.tickets:,} tickets "
            f"(django-helpdesk: the same number), {sizes.report_tickets:,} tickets for the report; "
            f"{sizes.runs} repetitions per page after {sizes.warmup} warm-up rounds, "
            f"{sizes.report_runs} of the report.",
            "",
            f"Machine: {info['nproc']} cores ({info['cpu']}), {info['ram']} RAM; PostgreSQL {info['postgresql']}, "
            f"Python {info['python']}, Django {info['django']}. Load average (1 / 5 / 15 min) before: {load_before}, "
            f"after: {load_after}. Measuring took {seconds / 60:.1f} minutes; checking the data and filling what was "
            f"missing took: {fills}.",
            "",
            format_markdown(rows),
            "",
            "Times in milliseconds (the report in seconds). ours / floor: the median of the repetitions' own "
            "ratios (each repetition asks our page and its floor back to back); ours / django-helpdesk: the ratio "
            "of the p50s (django-helpdesk runs in a process of its own, after ours).",
            END_MARK,
        ]
    )


def write_document(path: Path, section: str) -> None:
    """Replace the measured section of `path` (between the markers), keeping the text around it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n" + BEGIN_MARK + "\n" + END_MARK
    start, end = text.find(BEGIN_MARK), text.find(END_MARK)
    if start == -1 or end == -1:
        text = text.rstrip() + "\n\n" + section + "\n"
    else:
        text = text[:start] + section + text[end + len(END_MARK) :]
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


# --- the data -----------------------------------------------------------------------------------------


def use_database(name: str) -> None:
    """Point the default connection at another database (created if missing)."""
    import psycopg

    connection.close()
    settings_dict = connection.settings_dict
    with psycopg.connect(database_url("postgres", database_url(settings_dict["NAME"])), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def prepare_portal(sizes: Sizes, log=print) -> dict:
    """Catalogue and tickets in <prefix>portal; returns the seconds spent filling."""
    from bench.helpdesk import advisor, generate
    from menukaart.models import Measure

    use_database(f"{sizes.prefix}portal")
    spent = {}
    started = time.perf_counter()
    migrate()
    have = Measure.objects.count()
    if have == 0:
        from bench.menukaart import build

        log(f"filling the catalogue: {sizes.measures:,} measures, {sizes.events:,} usage events")
        if "other_total" in inspect.signature(build).parameters:
            # A build that also makes the other searchable items (materials, initiatives, examples).
            build(sizes.measures, sizes.others, sizes.events, random.Random(42))
        else:
            build(sizes.measures, sizes.events, random.Random(42))
    elif have != sizes.measures:
        raise SystemExit(f"{connection.settings_dict['NAME']} holds {have} measures, not {sizes.measures}: drop it")
    user = advisor()
    generate(sizes.tickets, user)  # only the missing tickets
    spent["portal"] = time.perf_counter() - started
    return spent


def bench_ticket() -> str:
    """A recent open ticket assigned to the bench advisor, with its two messages."""
    from bench.helpdesk import PREFIX
    from helpdesk.models import OPEN_STATUSES, Ticket

    ticket = (
        Ticket.objects.filter(
            reference__startswith=PREFIX, status__in=OPEN_STATUSES, assigned_to__username="bench-adviseur"
        )
        .order_by("-pk")
        .values_list("reference", flat=True)
        .first()
    )
    if ticket is None:
        raise SystemExit("no open ticket assigned to bench-adviseur: fill more tickets")
    return ticket


def prepare_report(sizes: Sizes, log=print) -> float:
    from bench import report

    use_database(f"{sizes.prefix}impact")
    started = time.perf_counter()
    migrate()
    ids = report.prepare()
    have = report.existing()
    if have < sizes.report_tickets:
        log(f"filling the report's data: tickets {have + 1:,} to {sizes.report_tickets:,}")
        step = 100_000
        for first in range(have + 1, sizes.report_tickets + 1, step):
            last = min(first + step - 1, sizes.report_tickets)
            report.fill(first, last, ids, sizes.report_tickets)
            log(f"  {last:,} / {sizes.report_tickets:,}")
    return time.perf_counter() - started


def measure_report(runs: int, log=print) -> dict:
    """Our report (every figure, as the report task computes them) against its floor, interleaved."""
    from bench.floor import report_floor
    from bench.report import PERIOD, TODAY
    from impact.figures import REGISTRY, Context, build
    from impact.periods import trend_periods
    from impact.production import earliest_data_day

    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")  # as impact.production.produce_report does
    samples = {"ours": Samples(), "floor": Samples()}

    def ours():
        context = Context(periods=trend_periods(PERIOD, earliest=earliest_data_day(), maximum=6), today=TODAY)
        for spec in REGISTRY.values():
            build(spec, context)

    def floor():
        report_floor(trend_periods(PERIOD, earliest=earliest_data_day(), maximum=6))

    for n in range(runs):
        sides = [("ours", ours), ("floor", floor)]
        if n % 2:
            sides.reverse()
        for side, run in sides:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run()
                samples[side].add((time.perf_counter() - started) * 1000, len(captured))
        log(
            f"  report {n + 1} / {runs}: ours {samples['ours'].ms[-1] / 1000:.1f} s, "
            f"floor {samples['floor'].ms[-1] / 1000:.1f} s"
        )
    return summarise(samples)


def measure_django_helpdesk(sizes: Sizes) -> tuple[dict, float]:
    """django-helpdesk's pages (loaded first if its database does not hold the same load), and the
    seconds its load took (about none when it was reused)."""
    from bench.django_helpdesk_compare import run_comparison

    result = run_comparison(sizes.tickets, database_url(f"{sizes.prefix}djhelpdesk"), sizes.runs, warmup=sizes.warmup)
    pages = {ours: result["pages"][key] for ours, key in DJANGO_HELPDESK_PAGES.items() if key in result["pages"]}
    return pages, result["load"]["seconds"]


# --- the run --------------------------------------------------------------------------------------------


def main(args) -> None:
    from django.conf import settings

    from reach.api import ClientRateThrottle

    sizes = args.sizes
    only = {name.strip() for name in args.pages.split(",")} if args.pages else None
    if connection.vendor != "postgresql":
        raise SystemExit("The benchmark needs PostgreSQL.")
    if not settings.REDIS_URL:
        print("note: REDIS_URL is not set; the cache is in-process memory, not Redis as in production")
    # Every API request comes from one client here: lift its rate limit for the run.
    ClientRateThrottle.THROTTLE_RATES = {**ClientRateThrottle.THROTTLE_RATES, "open_data": "1000000/min"}

    fill = {}
    started = time.perf_counter()
    fill.update(prepare_portal(sizes))
    if not args.no_report:
        fill["report"] = prepare_report(sizes)
    if args.prepare_only and not args.no_compare:
        from bench.django_helpdesk_compare import _run_site, ensure_venv

        _run_site(
            ensure_venv(), "load.py", ["--tickets", str(sizes.tickets)], database_url(f"{sizes.prefix}djhelpdesk")
        )
    print(f"data ready in {time.perf_counter() - started:.0f} s")
    if args.prepare_only:
        return

    use_database(f"{sizes.prefix}portal")
    info = machine()
    load_before = load_average()
    measuring = time.perf_counter()
    from bench.helpdesk import advisor

    anonymous, staff = Client(), Client()
    staff.force_login(advisor())
    pages = catalogue_pages(anonymous, sizes.measures) + helpdesk_pages(staff, bench_ticket())
    if only:
        pages = [page for page in pages if page.name in only]
    print(f"measuring {len(pages)} pages and their floors, {sizes.runs} repetitions (load {load_before})")
    results = measure_pages(pages, sizes.runs, sizes.warmup)

    if not args.no_report and (not only or "report production" in only):
        use_database(f"{sizes.prefix}impact")
        print(f"measuring the report at {sizes.report_tickets:,} tickets, {sizes.report_runs} runs")
        results["report production"] = measure_report(sizes.report_runs)

    theirs = {}
    if not args.no_compare and any(name in DJANGO_HELPDESK_PAGES for name in results):
        print(f"measuring django-helpdesk 2.6.1 at {sizes.tickets:,} tickets")
        theirs, loading = measure_django_helpdesk(sizes)
        fill["django-helpdesk"] = loading
    load_after = load_average()
    seconds = time.perf_counter() - measuring - fill.get("django-helpdesk", 0)

    rows = table_rows(results, theirs)
    print()
    print(format_text(rows))
    print("ours / floor: median of the paired ratios; ours / django-helpdesk: ratio of the p50s")
    print(f"\nload average before {load_before}, after {load_after}; {seconds / 60:.1f} minutes")
    if args.output:
        section = document(
            rows=rows,
            info=info,
            sizes=sizes,
            quick=args.quick,
            load_before=load_before,
            load_after=load_after,
            fill=fill,
            seconds=seconds,
        )
        write_document(args.output, section)
        print(f"written: {args.output}")


if __name__ == "__main__":
    main(ARGS)
