"""Time django-helpdesk's staff ticket list (page + rows request) and ticket page.

Run by bench/django_helpdesk_compare.py with the separate venv's python, from this folder, after
load.py. Uses Django's test Client logged in as the staff user "adviseur" (no network, no web
server: the same way bench/helpdesk.py measures the portal). Prints one JSON object on stdout.

The ticket list of django-helpdesk 2.6.1 is two requests: ``helpdesk:list`` renders the page
without rows, then DataTables' JavaScript fetches the rows from ``helpdesk:datatables_ticket_list``
with the page's query (base64 JSON in the URL) and DataTables' server-side parameters. The rows
URL is taken from the HTML of the page, as the browser does, and asked with the parameters the
JavaScript sends for the first page (start=0, length=25, no column ordering, empty search box).
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402

ROWS_PER_PAGE = 25
ROWS_URL = re.compile(r'"url": "(?P<url>/datatables_ticket_list/[A-Za-z0-9+/=]+)"')
# The columns of templates/helpdesk/ticket_list.html (KB on, time spent off), in order.
COLUMNS = [
    ("id", False),
    ("ticket", True),
    ("priority", True),
    ("queue", True),
    ("status", True),
    ("created", True),
    ("due_date", True),
    ("assigned_to", True),
    ("submitter", True),
    ("last_followup", True),
    ("kbitem", True),
]


def datatables_params():
    """The query string DataTables 2 sends for the first page of a server-side table."""
    params = {"draw": "1"}
    for index, (data, orderable) in enumerate(COLUMNS):
        params[f"columns[{index}][data]"] = data
        params[f"columns[{index}][name]"] = ""
        params[f"columns[{index}][searchable]"] = "true"
        params[f"columns[{index}][orderable]"] = "true" if orderable else "false"
        params[f"columns[{index}][search][value]"] = ""
        params[f"columns[{index}][search][regex]"] = "false"
    params.update({"start": "0", "length": str(ROWS_PER_PAGE), "search[value]": "", "search[regex]": "false"})
    params["_"] = "1767225600000"
    return urlencode(params)


def percentile(values, fraction):
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def summary(samples):
    times = [s["ms"] for s in samples]
    queries = [s["queries"] for s in samples]
    db_times = [s["db_ms"] for s in samples]
    cpu_times = [s["cpu_ms"] for s in samples]
    result = {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "mean_ms": round(statistics.fmean(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "queries": max(queries),
        "db_p50_ms": round(statistics.median(db_times), 1),
        # CPU time of this Python process (not PostgreSQL's): hardly affected by other work on the machine.
        "python_cpu_p50_ms": round(statistics.median(cpu_times), 1),
        "samples": len(samples),
    }
    if min(queries) != max(queries):
        result["queries_min"] = min(queries)
    return result


def timed_get(client, url):
    # The query log keeps at most 9,000 queries; empty it so that every request is counted in full.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, expected 200")
    db_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return response, {"ms": elapsed, "queries": len(captured), "db_ms": db_ms, "cpu_ms": cpu}


def rows_url(response):
    match = ROWS_URL.search(response.content.decode())
    if match is None:
        raise SystemExit("the ticket list page no longer contains the datatables_ticket_list URL")
    return f"{match['url']}?{datatables_params()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--search", default="anoniem", help="the word typed in the search box")
    args = parser.parse_args()

    user = get_user_model().objects.get(username="adviseur")
    client = Client()
    client.force_login(user)
    queue = Queue.objects.get(slug="discriminatie")
    # A recent open ticket with three messages, assigned to an advisor: the ticket page an advisor
    # opens from the queue.
    ticket = (
        Ticket.objects.filter(status=Ticket.OPEN_STATUS, assigned_to__isnull=False)
        .order_by("-id")
        .filter(pk__in=FollowUp.objects.values("ticket").annotate(n=Count("id")).filter(n=3).values("ticket"))
        .first()
    )
    if ticket is None:
        raise SystemExit("no open, assigned ticket with three follow-ups: load more tickets")
    list_url = reverse("helpdesk:list")
    filtered = urlencode({"queue": queue.pk, "status": Ticket.OPEN_STATUS, "sort": "created"})
    # The navigation bar's search box adds the open, reopened and resolved statuses.
    searched = urlencode([("q", args.search), ("status", 1), ("status", 2), ("status", 3), ("search_type", "header")])
    lists = {
        "queue_default": list_url,
        # The filter panel: open tickets of one queue, sorted on creation date (its default).
        "queue_filtered": f"{list_url}?{filtered}",
        "queue_search": f"{list_url}?{searched}",
    }
    ticket_url = reverse("helpdesk:view", args=[ticket.pk])

    load_before = os.getloadavg()[0]
    # Warm up: templates, URL resolvers, the database's caches. Also finds the rows URLs.
    rows = {}
    records = {}
    for _ in range(max(args.warmup, 1)):
        for name, url in lists.items():
            response, _sample = timed_get(client, url)
            rows[name] = rows_url(response)
            response, _sample = timed_get(client, rows[name])
            payload = response.json()
            records[name] = {"rows": len(payload["data"]), "records_filtered": payload["recordsFiltered"]}
        timed_get(client, ticket_url)

    samples = {f"{name}_{part}": [] for name in lists for part in ("page", "rows", "total")}
    samples["ticket_page"] = []
    for _ in range(args.repeat):
        for name, url in lists.items():
            _response, page = timed_get(client, url)
            _response, data = timed_get(client, rows[name])
            samples[f"{name}_page"].append(page)
            samples[f"{name}_rows"].append(data)
            samples[f"{name}_total"].append({key: page[key] + data[key] for key in page})
        _response, sample = timed_get(client, ticket_url)
        samples["ticket_page"].append(sample)

    pages = {}
    for name, url in lists.items():
        pages[f"{name}_page"] = {"url": url, **summary(samples[f"{name}_page"])}
        pages[f"{name}_rows"] = {"url": rows[name].split("?")[0], **records[name], **summary(samples[f"{name}_rows"])}
        pages[f"{name}_total"] = {
            "note": "page + rows request, summed per repetition",
            **summary(samples[f"{name}_total"]),
        }
    pages["ticket_page"] = {
        "url": ticket_url,
        "followups": ticket.followup_set.count(),
        **summary(samples["ticket_page"]),
    }
    result = {
        "app": "django-helpdesk",
        "version": helpdesk_version(),
        "django": django.get_version(),
        "python": sys.version.split()[0],
        "database": f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}",
        "cpus": os.cpu_count(),
        # The machine's 1-minute load average before and after: other work on it shows up here.
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "tickets": Ticket.objects.count(),
        "followups": FollowUp.objects.count(),
        "rows_per_page": ROWS_PER_PAGE,
        "repeat": args.repeat,
        "warmup": args.warmup,
        "search": args.search,
        "pages": pages,
    }
    print(json.dumps(result, indent=2))


def helpdesk_version():
    from importlib.metadata import version

    return version("django-helpdesk")


if __name__ == "__main__":
    main()
