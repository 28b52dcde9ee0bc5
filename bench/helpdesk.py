"""Benchmark of the helpdesk pages on a large ticket table, side by side with django-helpdesk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/via_bench REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/python bench/helpdesk.py --tickets 200000 [--runs 30] [--search anoniem] \
        [--compare [--compare-database-url postgres://.../bench_django_helpdesk]] [--cleanup]

Run it on a database of its own (migrated; it is filled with generated tickets with two messages
each, whose references start with DIB-1900-, which --cleanup removes). Reports p50/p95 in
milliseconds and the number of SQL queries for the queue (default, filtered, searched) and a
ticket page, through the full Django request cycle with a logged-in advisor. With --compare it
also loads the same number of tickets into django-helpdesk 2.6.1 (in a virtual environment of its
own, see bench/django_helpdesk_compare.py) and prints both apps in one table. django-helpdesk
loads its queue rows in a second request; its figures are for both requests together.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Organisation, OrganisationKind, User  # noqa: E402
from accounts.services import assign_role, load_organisations  # noqa: E402
from helpdesk.models import Channel, Message, MessageKind, OutcomeCategory, Ticket, TicketStatus  # noqa: E402
from menukaart.models import Theme  # noqa: E402

PREFIX = "DIB-1900-"
WORDS = (
    "werving selectie inclusie taal religie beperking leeftijd stage mentor cultuur team gesprek beleid anoniem"
).split()
MESSAGES_PER_TICKET = 2


def advisor() -> User:
    load_organisations()  # the referring partners, so referrals and partner filters are realistic
    org, _ = Organisation.objects.get_or_create(
        slug="ser-dib", defaults={"name": "SER Diversiteit in Bedrijf", "kind": OrganisationKind.CENTRAL_HELPDESK}
    )
    user, created = User.objects.get_or_create(
        username="bench-adviseur", defaults={"email": "bench-adviseur@example.nl", "organisation": org}
    )
    if created:
        assign_role(user=user, role="adviseur")
    return user


def generate(count: int, user: User) -> None:
    existing = Ticket.objects.filter(reference__startswith=PREFIX).count()
    if existing >= count:
        print(f"{existing} bench tickets present")
        return
    partners = list(Organisation.objects.referring_partners()) or [None]
    themes = list(Theme.objects.all())
    outcome, _ = OutcomeCategory.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    now = timezone.now()
    rng = random.Random(42)
    batch = 5000
    statuses = list(TicketStatus.values)
    for start in range(existing, count, batch):
        rows = []
        for n in range(start, min(start + batch, count)):
            status = rng.choice(statuses)
            partner = rng.choice(partners) if rng.random() < 0.6 else None
            created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 700))
            rows.append(
                Ticket(
                    reference=f"{PREFIX}{n:06d}",
                    subject=" ".join(rng.sample(WORDS, 3)).capitalize(),
                    question=" ".join(rng.choices(WORDS, k=40)),
                    employer_name=f"Werkgever {n % 20000}",
                    contact_name=f"Contact {n}",
                    contact_email=f"bench{n}@example.nl",
                    channel=Channel.REFERRAL if partner else Channel.WEB,
                    referring_organisation=partner,
                    status=status,
                    outcome=outcome if status == TicketStatus.CLOSED else None,
                    closed_at=created + timedelta(days=5) if status == TicketStatus.CLOSED else None,
                    assigned_to=user if rng.random() < 0.3 else None,
                    due_date=(created + timedelta(days=7)).date(),
                    created_at=created,
                    consent_processing=True,
                )
            )
        with transaction.atomic():
            created_rows = Ticket.objects.bulk_create(rows)
            Message.objects.bulk_create(
                [
                    Message(
                        ticket_id=t.pk,
                        kind=MessageKind.REPLY if i == 0 else MessageKind.NOTE,
                        author=user,
                        body=" ".join(rng.choices(WORDS, k=30)),
                    )
                    for t in created_rows
                    for i in range(MESSAGES_PER_TICKET)
                ]
            )
            if themes:
                through = Ticket.themes.through
                through.objects.bulk_create(
                    [through(ticket_id=t.pk, theme_id=rng.choice(themes).pk) for t in created_rows]
                )
        print(f"  {start + len(rows)} / {count}", end="\r", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE helpdesk_ticket, helpdesk_message, helpdesk_ticket_themes")


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm-up
    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)], queries


# Our page -> django-helpdesk's (its queue is a page plus a rows request; "total" is both).
COMPARABLE = {
    "queue default": "queue_default_total",
    "queue filtered": "queue_filtered_total",
    "queue searched": "queue_search_total",
    "ticket page": "ticket_page",
}


def compare(args) -> dict[str, tuple[float, float, int]]:
    from bench.django_helpdesk_compare import DEFAULT_DATABASE_URL, run_comparison

    result = run_comparison(
        args.tickets, args.compare_database_url or DEFAULT_DATABASE_URL, args.runs, search=args.search
    )
    pages = result["pages"]
    return {
        ours: (pages[key]["p50_ms"], pages[key]["p95_ms"], pages[key]["queries"])
        for ours, key in COMPARABLE.items()
        if key in pages
    }


def print_table(ours: dict, theirs: dict) -> None:
    header = f"{'page':<16} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
    if theirs:
        header += f"   | django-helpdesk {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'p50 ratio':>10}"
    print(header)
    for name, (p50, p95, queries) in ours.items():
        line = f"{name:<16} {p50:>8.1f} {p95:>8.1f} {queries:>8}"
        if name in theirs:
            t50, t95, tq = theirs[name]
            line += f"   | {'':<15} {t50:>8.1f} {t95:>8.1f} {tq:>8} {t50 / p50:>9.1f}x"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--search", default="anoniem", help="word searched for in the searched queue")
    parser.add_argument("--compare", action="store_true", help="also measure django-helpdesk 2.6.1")
    parser.add_argument("--compare-database-url", default=None, help="database for django-helpdesk's tickets")
    parser.add_argument("--cleanup", action="store_true", help="remove the generated tickets afterwards")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.DEBUG = False
    user = advisor()
    generate(args.tickets, user)
    ticket = Ticket.objects.filter(reference__startswith=PREFIX).order_by("pk").first()
    if not ticket.messages.exists():
        Message.objects.bulk_create(
            [Message(ticket=ticket, kind=MessageKind.NOTE, author=user, body=f"Notitie {i}") for i in range(10)]
        )
    client = Client()
    client.force_login(user)
    queue = reverse("helpdesk:queue")
    pages = {
        "queue default": queue,
        "queue filtered": f"{queue}?status=nieuw&channel=doorverwijzing&unassigned=true&sort=-ontvangen",
        "queue searched": f"{queue}?q={args.search}",
        "ticket page": reverse("helpdesk:ticket_detail", args=[ticket.reference]),
    }
    total = Ticket.objects.count()
    print(f"{total} tickets, {Message.objects.count()} messages, {connection.vendor}, {args.runs} runs per page")
    ours = {name: measure(client, url, args.runs) for name, url in pages.items()}
    theirs = compare(args) if args.compare else {}
    print_table(ours, theirs)
    if args.cleanup:
        Ticket.objects.filter(reference__startswith=PREFIX).delete()


if __name__ == "__main__":
    main()
