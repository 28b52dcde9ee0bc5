"""Benchmark of the impact report: time to produce one report at 100,000, 300,000 and 1,000,000 tickets.

    createdb -h 127.0.0.1 -U postgres via_bench_report
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/via_bench_report REDIS_URL=redis://127.0.0.1:6379/6 \
        .venv/bin/python bench/report.py [--sizes 100000,300000,1000000] [--runs 1] [--cleanup]

Run it on a database of its own: it migrates it and fills it in SQL (INSERT ... SELECT over
generate_series, no ORM loops) with tickets spread evenly over three years (July 2023 - June 2026),
two messages each (a reply with a linked measure for every second ticket), 10 usage events per
ticket, themes, outcomes, feedback and reopen audit events. Then, per size, it times
`impact.production.compute_figures` for January-June 2026 with its full trend (six half-years, so
every ticket counts), which is what the report task spends its time on. Target: under 30 s at
1,000,000 tickets on the 2-core machine, growing no faster than linearly.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.services import load_organisations  # noqa: E402
from helpdesk.models import OutcomeCategory, Ticket  # noqa: E402
from impact.figures import REGISTRY, Context, build  # noqa: E402
from impact.periods import Period, trend_periods  # noqa: E402
from menukaart.models import Measure, Theme  # noqa: E402

PREFIX = "BENCH-"
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
TODAY = date(2026, 7, 15)
SPAN_SECONDS = 3 * 365 * 24 * 3600  # tickets are spread over three years before 1 July 2026
EVENTS_PER_TICKET = 10


def prepare() -> dict:
    load_organisations()
    themes = [
        Theme.objects.get_or_create(slug=f"bench-thema-{i}", defaults={"name": f"Thema {i}"})[0] for i in range(12)
    ]
    outcome, _ = OutcomeCategory.objects.get_or_create(slug="bench-advies", defaults={"name": "Advies gegeven"})
    measures = list(Measure.objects.values_list("pk", flat=True)[:20])
    if not measures:
        for i in range(20):
            m = Measure.objects.create(
                slug=f"bench-maatregel-{i}", title=f"Maatregel {i}", summary="-", why_it_works="-", evidence=2,
                effort="laag", cost="laag", status="gepubliceerd",
            )  # fmt: skip
            m.themes.add(themes[i % len(themes)])
            m.tags.add(f"tag-{i % 5}")
        measures = list(Measure.objects.values_list("pk", flat=True)[:20])
    return {"themes": [t.pk for t in themes], "outcome": outcome.pk, "measures": measures}


def existing() -> int:
    return Ticket.objects.filter(reference__startswith=PREFIX).count()


def fill(first: int, last: int, ids: dict, total: int) -> None:
    """Tickets number first..last (1-based), with their themes, messages, feedback and usage events."""
    partners = list(
        __import__("accounts.models", fromlist=["Organisation"])
        .Organisation.objects.referring_partners()
        .values_list("pk", flat=True)
    )
    themes = "ARRAY[" + ",".join(map(str, ids["themes"])) + "]"
    measures = "ARRAY[" + ",".join(map(str, ids["measures"])) + "]"
    partner_array = "ARRAY[" + ",".join(map(str, partners)) + "]::bigint[]"
    # Ticket g is created at a moment spread evenly over the three years (by the final total).
    created = f"(TIMESTAMPTZ '2026-07-01 00:00+02' - make_interval(secs => ({SPAN_SECONDS}::float8 * g / {total})))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO helpdesk_ticket (reference, subject, question, employer_name, contact_name, contact_email,
                contact_phone, sector, size_band, province, charter_signatory, channel, consent_processing,
                consent_share_with_partner, status, priority, due_date, first_response_at, created_at, updated_at,
                closed_at, outcome_id, referring_organisation_id, submission_key, source)
            SELECT '{PREFIX}' || g, 'Vraag', 'Vraag', 'Werkgever ' || (g % 40000), 'Demo', '', '',
                (ARRAY['C','F','G','H','M','N','P','Q'])[1 + g % 8],
                (ARRAY['1-9','10-49','50-249','250+'])[1 + g % 4],
                (ARRAY['utrecht','gelderland','zuid-holland','noord-holland','limburg'])[1 + g % 5],
                (ARRAY['ja','nee','onbekend'])[1 + g % 3],
                CASE WHEN g % 5 < 2 THEN 'doorverwijzing' WHEN g % 5 = 2 THEN 'web'
                     WHEN g % 5 = 3 THEN 'e-mail' ELSE 'telefoon' END,
                true, false,
                CASE WHEN g % 10 < 7 THEN 'gesloten' WHEN g % 10 < 9 THEN 'beantwoord' ELSE 'nieuw' END,
                'normaal', ({created})::date + 7,
                CASE WHEN g % 10 < 9 THEN {created} + make_interval(days => g % 9) END,
                {created}, {created},
                CASE WHEN g % 10 < 7 THEN {created} + make_interval(days => 3 + g % 20) END,
                CASE WHEN g % 10 < 7 THEN {ids["outcome"]} END,
                CASE WHEN g % 5 < 2 THEN ({partner_array})[1 + g % {len(partners)}] END,
                '', ''
            FROM generate_series({first}, {last}) AS g
            """  # noqa: S608 (numbers and ids generated here, no input)
        )
        cursor.execute(
            f"""
            INSERT INTO helpdesk_ticket_themes (ticket_id, theme_id)
            SELECT t.id, ({themes})[1 + (t.id % 12)] FROM helpdesk_ticket t
            WHERE t.reference LIKE '{PREFIX}%%'
                AND substr(t.reference, {len(PREFIX) + 1})::int BETWEEN {first} AND {last}
            UNION ALL
            SELECT t.id, ({themes})[1 + ((t.id / 3 + 5) % 12)] FROM helpdesk_ticket t
            WHERE t.reference LIKE '{PREFIX}%%'
                AND substr(t.reference, {len(PREFIX) + 1})::int BETWEEN {first} AND {last}
                AND t.id % 3 = 0 AND (t.id / 3 + 5) % 12 <> t.id % 12
            """  # noqa: S608
        )
        cursor.execute(
            f"""
            CREATE TEMP TABLE IF NOT EXISTS bench_new AS
                SELECT id, created_at, first_response_at FROM helpdesk_ticket LIMIT 0;
            TRUNCATE bench_new;
            INSERT INTO bench_new SELECT id, created_at, first_response_at FROM helpdesk_ticket
            WHERE reference LIKE '{PREFIX}%%'
                AND substr(reference, {len(PREFIX) + 1})::int BETWEEN {first} AND {last};
            INSERT INTO helpdesk_message (kind, body, created_at, ticket_id)
            SELECT 'werkgever', 'Vraag', created_at, id FROM bench_new
            UNION ALL
            SELECT 'antwoord', 'Antwoord', first_response_at, id FROM bench_new WHERE first_response_at IS NOT NULL;
            INSERT INTO helpdesk_message_measures (message_id, measure_id)
            SELECT m.id, ({measures})[1 + m.ticket_id % {len(ids["measures"])}] FROM helpdesk_message m
            JOIN bench_new n ON n.id = m.ticket_id WHERE m.kind = 'antwoord' AND m.ticket_id % 2 = 0;
            INSERT INTO helpdesk_feedback (ticket_id, helpful, reason, created_at)
            SELECT id, id % 4 <> 0, '', created_at FROM bench_new WHERE id % 3 = 0;
            INSERT INTO helpdesk_auditevent (ticket_id, ticket_reference, actor_label, action, detail, created_at)
            SELECT id, '', 'bench', 'status', '{{"status_from": "beantwoord", "status_to": "heropend"}}', created_at
            FROM bench_new WHERE id % 25 = 0;
            """  # noqa: S608
        )
        cursor.execute(
            f"""
            INSERT INTO menukaart_usageevent (kind, hour, query, result_count, measure_id)
            SELECT CASE WHEN e < 7 THEN 'measure_view' WHEN e = 7 THEN 'plan_add' ELSE 'search' END,
                date_trunc('hour', n.created_at - make_interval(hours => e * 3)),
                CASE WHEN e >= 8 THEN 'zoekterm ' || (n.id % 30) ELSE '' END,
                CASE WHEN e >= 8 THEN (n.id % 3) END,
                CASE WHEN e < 8 THEN ({measures})[1 + (n.id + e) % {len(ids["measures"])}] END
            FROM bench_new n CROSS JOIN generate_series(0, {EVENTS_PER_TICKET - 1}) AS e
            """  # noqa: S608
        )
        cursor.execute("ANALYZE")


def time_report(runs: int) -> tuple[float, dict]:
    from impact.production import earliest_data_day

    timings = []
    per_figure: dict = {}
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")  # as impact.production.produce_report does
    for _ in range(runs):
        context = Context(periods=trend_periods(PERIOD, earliest=earliest_data_day(), maximum=6), today=TODAY)
        started = time.perf_counter()
        for spec in REGISTRY.values():
            t0 = time.perf_counter()
            build(spec, context)
            per_figure[spec.key] = time.perf_counter() - t0
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), per_figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cleanup", action="store_true", help="Remove the generated rows and stop.")
    args = parser.parse_args()
    if args.cleanup:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM menukaart_usageevent")
            Ticket.objects.filter(reference__startswith=PREFIX).delete()
        return
    call_command("migrate", verbosity=0)
    ids = prepare()
    sizes = [int(size) for size in args.sizes.split(",")]
    total = max(sizes)
    print(f"{'tickets':>10} {'messages':>10} {'events':>11} {'fill s':>7} {'report s':>9} {'s per 100k':>10}")
    results = []
    for size in sizes:
        have = existing()
        started = time.perf_counter()
        if have < size:
            fill(have + 1, size, ids, total)
        filled = time.perf_counter() - started
        seconds, per_figure = time_report(args.runs)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM helpdesk_message), (SELECT count(*) FROM menukaart_usageevent)"
            )
            messages, events = cursor.fetchone()
        results.append((size, seconds))
        print(
            f"{size:>10,} {messages:>10,} {events:>11,} {filled:>7.0f} {seconds:>9.1f} {seconds / size * 100000:>10.2f}"
        )
    slowest = sorted(per_figure.items(), key=lambda item: -item[1])[:5]
    print("slowest figures at the largest size:", ", ".join(f"{key} {sec:.1f}s" for key, sec in slowest))


if __name__ == "__main__":
    main()
