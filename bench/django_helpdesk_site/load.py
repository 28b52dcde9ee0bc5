"""Load N tickets with 2-3 follow-ups each into a fresh django-helpdesk database.

Run by bench/django_helpdesk_compare.py with the separate venv's python, from this folder:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_django_helpdesk \
        python load.py --tickets 200000

The database is dropped and created again, unless it already holds a load of the same size made
by this same loader version (then it is reused and the script ends at once). Tickets and
follow-ups go in with COPY, bypassing django-helpdesk's save() and signals (those send e-mail and
log changes); queues and users are made through the ORM. Prints one JSON object on stdout.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

# Bump when the generated data changes, so that an older load is not reused.
LOADER_VERSION = 1
NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
SPAN_DAYS = 3 * 365

QUEUES = [
    ("Werving en selectie", "werving-selectie"),
    ("Discriminatie en intimidatie", "discriminatie"),
    ("Diversiteitsbeleid", "diversiteitsbeleid"),
    ("Uitzendbranche", "uitzendbranche"),
    ("Algemene vragen", "algemeen"),
]
ADVISORS = [
    ("adviseur", "Anouk", "de Vries"),
    ("sanne.bakker", "Sanne", "Bakker"),
    ("mohamed.elamrani", "Mohamed", "El Amrani"),
    ("joost.vandam", "Joost", "van Dam"),
    ("fatma.yilmaz", "Fatma", "Yılmaz"),
    ("pieter.jansen", "Pieter", "Jansen"),
    ("esther.koster", "Esther", "Koster"),
    ("ravi.ramdin", "Ravi", "Ramdin"),
]
SUBJECTS = [
    "Vraag over anoniem solliciteren",
    "Hoe voorkomen we vooroordelen bij werving",
    "Klacht over discriminatie in een vacaturetekst",
    "Advies over een diversiteitsplan",
    "Melding van intimidatie op de werkvloer",
    "Vraag over de gedragscode arbeidsmarktdiscriminatie",
    "Objectieve selectiecriteria opstellen",
    "Hulp bij een inclusief onboardingprogramma",
    "Vraag over de Wet toezicht gelijke kansen bij werving en selectie",
    "Uitzendbureau vraagt om selectie op afkomst",
    "Toegankelijkheid van de sollicitatieprocedure",
    "Vertrouwenspersoon aanstellen voor een klein bedrijf",
    "Meten van diversiteit in het personeelsbestand",
    "Taaleisen in een vacature",
    "Stageplekken voor studenten met een migratieachtergrond",
    "Werkwijze bij een discriminatiemelding",
    "Training voor recruiters over onbewuste vooroordelen",
    "Gelijke beloning van mannen en vrouwen",
    "Religieuze feestdagen en roosters",
    "Doe-netwerk aansluiten voor werkgevers",
]
CONTEXTS = [
    "bij een uitzendbureau",
    "in de zorg",
    "in de bouw",
    "in de logistiek",
    "bij een gemeente",
    "in het mkb",
    "bij een productiebedrijf",
    "in de horeca",
    "bij een ICT-bedrijf",
    "in het onderwijs",
    "",
    "",
]
SENTENCES = [
    "Wij zijn een werkgever met ongeveer {n} medewerkers.",
    "Onze HR-afdeling wil het wervingsproces eerlijker maken.",
    "Een kandidaat heeft aangegeven zich gediscrimineerd te voelen.",
    "Graag ontvangen wij advies over de juiste aanpak.",
    "Wij willen weten welke maatregelen aantoonbaar werken.",
    "Is er een voorbeeld van een werkgever die dit al heeft ingevoerd?",
    "De ondernemingsraad heeft hier ook vragen over gesteld.",
    "Wij hebben een intern meldpunt, maar dat wordt weinig gebruikt.",
    "Kunnen jullie ons helpen met een stappenplan?",
    "Het gaat om vacatures voor productiemedewerkers en planners.",
    "Onze recruiters werken vaak met vaste netwerken.",
    "Wij twijfelen of een assessment hier passend is.",
]
REPLIES = [
    "Dank voor uw vraag. Wij hebben een aantal maatregelen uit de menukaart voor u op een rij gezet.",
    "Kunt u iets meer vertellen over de huidige selectieprocedure?",
    "In de bijlage vindt u de handreiking voor objectieve selectiecriteria.",
    "Ik heb uw vraag besproken met een collega van de Inspectie SZW.",
    "Wij raden aan om eerst de vacatureteksten te laten toetsen.",
    "Dank voor het gesprek van vandaag; hierbij de afspraken.",
    "Heeft de voorgestelde aanpak geholpen?",
    "Wij sluiten de vraag af; u kunt altijd opnieuw contact opnemen.",
]
DOMAINS = ["bouwbedrijf-noord.nl", "zorggroep-oost.nl", "logistiek-midden.nl", "techniek-zuid.nl", "gemeente.nl"]
EMAIL_NAMES = ["hr", "personeelszaken", "info", "recruitment", "directie", "p.devries", "m.bakker", "s.jansen"]

# django-helpdesk's status values.
OPEN, REOPENED, RESOLVED, CLOSED, DUPLICATE = 1, 2, 3, 4, 5


def database_settings():
    url = urlsplit(os.environ["DATABASE_URL"])
    return {
        "dbname": unquote(url.path.lstrip("/")),
        "user": unquote(url.username or "") or None,
        "password": unquote(url.password or "") or None,
        "host": url.hostname,
        "port": url.port,
    }


def maintenance_connection():
    params = {k: v for k, v in database_settings().items() if v is not None}
    params["dbname"] = "postgres"
    return psycopg.connect(**params, autocommit=True)


def inspect_database(dbname):
    """None when the database does not exist; else how many tables it has and, when this loader
    made it, the recorded load: (tickets, version), tickets being None while a load is unfinished."""
    with maintenance_connection() as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone() is None:
            return None
    params = {k: v for k, v in database_settings().items() if v is not None}
    with psycopg.connect(**params) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
        if conn.execute("SELECT to_regclass('bench_load_info')").fetchone()[0] is None:
            return {"tables": tables, "ours": False, "load": None}
        load = conn.execute("SELECT tickets, version FROM bench_load_info").fetchone()
        return {"tables": tables, "ours": True, "load": load}


def recreate_database(dbname):
    with maintenance_connection() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    # Mark the database as the benchmark's at once, so that a rerun may drop it even when this
    # load is interrupted; the number of tickets is filled in when the load is complete.
    params = {k: v for k, v in database_settings().items() if v is not None}
    with psycopg.connect(**params) as conn:
        conn.execute("CREATE TABLE bench_load_info (tickets integer NULL, version integer NOT NULL)")
        conn.execute("INSERT INTO bench_load_info VALUES (NULL, %s)", [LOADER_VERSION])


def ticket_status(rng, age_days):
    """Old questions are mostly closed; recent ones mostly open, as in a real queue."""
    if age_days < 30:
        weights = (60, 5, 15, 18, 2)
    elif age_days < 180:
        weights = (15, 3, 22, 57, 3)
    else:
        weights = (2, 1, 17, 77, 3)
    return rng.choices((OPEN, REOPENED, RESOLVED, CLOSED, DUPLICATE), weights)[0]


def generate(tickets, queue_ids, advisor_ids, seed):
    """Yield (ticket_row, [followup_rows]) with explicit ticket ids 1..N in order of creation."""
    rng = random.Random(seed)
    step = SPAN_DAYS * 86400 / tickets
    start = NOW - dt.timedelta(days=SPAN_DAYS)
    for ticket_id in range(1, tickets + 1):
        created = start + dt.timedelta(seconds=(ticket_id - 1) * step + rng.random() * step)
        age_days = (NOW - created).days
        status = ticket_status(rng, age_days)
        title = f"{rng.choice(SUBJECTS)} {rng.choice(CONTEXTS)}".strip()
        description = " ".join(
            s.format(n=rng.choice((12, 45, 80, 150, 400, 1200))) for s in rng.sample(SENTENCES, rng.randint(2, 4))
        )
        assigned = rng.choice(advisor_ids) if rng.random() < 0.7 or status != OPEN else None
        submitter = f"{rng.choice(EMAIL_NAMES)}@{rng.choice(DOMAINS)}"
        resolution = "Vraag beantwoord en maatregelen toegelicht." if status in (RESOLVED, CLOSED) else None
        priority = rng.choices((1, 2, 3, 4, 5), (2, 8, 70, 15, 5))[0]
        due_date = created + dt.timedelta(days=14) if rng.random() < 0.2 else None

        followups = [(created, "Ticket geopend", description, True, None, None)]
        moment = created
        for _ in range(rng.randint(1, 2)):
            moment = moment + dt.timedelta(hours=rng.randint(2, 24 * 10))
            moment = min(moment, NOW)
            followups.append((moment, "Reactie van adviseur", rng.choice(REPLIES), True, assigned, None))
        if status in (RESOLVED, CLOSED, DUPLICATE):
            last = followups[-1]
            followups[-1] = (last[0], "Ticket gesloten", last[2], last[3], last[4], status)
        modified = followups[-1][0]
        ticket_row = (
            ticket_id,
            title,
            created,
            modified,
            submitter,
            status,
            False,
            description,
            resolution,
            priority,
            due_date,
            None,
            assigned,
            rng.choice(queue_ids),
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            None,
            None,
        )
        followup_rows = [
            (date, title_, comment, public, ticket_id, user_id, new_status, None, None, None)
            for date, title_, comment, public, user_id, new_status in followups
        ]
        yield ticket_row, followup_rows


TICKET_COLUMNS = (
    "id, title, created, modified, submitter_email, status, on_hold, description, resolution, priority, "
    "due_date, last_escalation, assigned_to_id, queue_id, secret_key, kbitem_id, merged_to_id"
)
FOLLOWUP_COLUMNS = (
    "date, title, comment, public, ticket_id, user_id, new_status, message_id, time_spent, email_recipients"
)


def copy_rows(cursor, tickets, queue_ids, advisor_ids, seed):
    followups = []
    count = 0
    with cursor.copy(f"COPY helpdesk_ticket ({TICKET_COLUMNS}) FROM STDIN") as copy:  # noqa: S608 - constants
        for ticket_row, followup_rows in generate(tickets, queue_ids, advisor_ids, seed):
            copy.write_row(ticket_row)
            followups.extend(followup_rows)
    with cursor.copy(f"COPY helpdesk_followup ({FOLLOWUP_COLUMNS}) FROM STDIN") as copy:  # noqa: S608 - constants
        for row in followups:
            copy.write_row(row)
            count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--force", action="store_true", help="reload even when a load of this size exists")
    args = parser.parse_args()

    dbname = database_settings()["dbname"]
    found = inspect_database(dbname)
    if found and not found["ours"] and found["tables"]:
        raise SystemExit(
            f"Database {dbname} exists, has tables and was not made by this benchmark: it is not dropped. "
            "Choose another database URL."
        )
    if found and not args.force and found["load"] == (args.tickets, LOADER_VERSION):
        print(f"django-helpdesk: reusing database {dbname} with {args.tickets} tickets", file=sys.stderr)
        print(json.dumps({"reused": True, "tickets": args.tickets}))
        return

    started = time.perf_counter()
    print(f"django-helpdesk: creating database {dbname} and loading {args.tickets} tickets", file=sys.stderr)
    recreate_database(dbname)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from helpdesk.models import FollowUp, Queue, Ticket

    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()

    user_model = get_user_model()
    with transaction.atomic():
        advisor_ids = []
        for username, first_name, last_name in ADVISORS:
            user = user_model.objects.create_user(
                username=username,
                email=f"{username}@ser.example.nl",
                password=None,  # unusable: the benchmark logs in with force_login
                first_name=first_name,
                last_name=last_name,
                is_staff=True,
            )
            advisor_ids.append(user.pk)
        queue_ids = [
            Queue.objects.create(title=title, slug=slug, email_address=f"{slug}@helpdesk.example.nl").pk
            for title, slug in QUEUES
        ]
        with connection.cursor() as cursor:
            followups = copy_rows(cursor.cursor, args.tickets, queue_ids, advisor_ids, args.seed)
            # COPY with explicit ids leaves the identity sequences behind.
            for model in (Ticket, FollowUp):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
                )
    loaded = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("UPDATE bench_load_info SET tickets = %s", [args.tickets])
    finished = time.perf_counter()
    result = {
        "reused": False,
        "tickets": Ticket.objects.count(),
        "followups": followups,
        "migrate_s": round(migrated - started, 1),
        "copy_s": round(loaded - migrated, 1),
        "total_s": round(finished - started, 1),
    }
    print(f"django-helpdesk: loaded in {result['total_s']} s", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
