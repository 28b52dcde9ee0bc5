"""Measure django-helpdesk's staff pages on the same number of tickets as bench/helpdesk.py.

django-helpdesk (PyPI, pinned below) is installed in a separate virtual environment: its Django
app is called ``helpdesk`` like ours, and its dependencies must not leak into the portal. In that
venv a minimal project (bench/django_helpdesk_site/) loads N tickets into its own PostgreSQL
database and times, with Django's test Client as a logged-in staff user:

- the ticket list page (``helpdesk:list``) and the request that loads its 25 rows
  (``helpdesk:datatables_ticket_list``): default view, filtered on one queue and status, and a
  search from the navigation bar;
- the ticket page (``helpdesk:view``) of an assigned open ticket with three messages.

Run with the project's python:

    .venv/bin/python bench/django_helpdesk_compare.py --tickets 200000 \
        --database-url postgres://postgres@127.0.0.1:5432/bench_django_helpdesk --json out.json

or call ``run_comparison(tickets, database_url, repeat)`` (for bench/helpdesk.py, to print both
side by side). A database already loaded with the same number of tickets is reused.
"""

import argparse
import json
import os
import subprocess  # noqa: S404 - runs pip and the benchmark site in their own venv
import sys
import tempfile
import time
from pathlib import Path

DJANGO_HELPDESK = "django-helpdesk==2.6.1"
# The newest Django that django-helpdesk 2.6.1 declares support for (5.2 and 6.0).
REQUIREMENTS = [DJANGO_HELPDESK, "Django>=5.2,<6.1", "psycopg[binary]>=3.2"]
DEFAULT_VENV = Path(tempfile.gettempdir()) / "bench-django-helpdesk-venv"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_django_helpdesk"
SITE = Path(__file__).resolve().parent / "django_helpdesk_site"

# The rows shown by print_summary, in order: (key in "pages", label).
SUMMARY_ROWS = [
    ("queue_default_page", "queue, default: page"),
    ("queue_default_rows", "queue, default: rows request"),
    ("queue_default_total", "queue, default: both"),
    ("queue_filtered_page", "queue, filtered: page"),
    ("queue_filtered_rows", "queue, filtered: rows request"),
    ("queue_filtered_total", "queue, filtered: both"),
    ("queue_search_page", "queue, searched: page"),
    ("queue_search_rows", "queue, searched: rows request"),
    ("queue_search_total", "queue, searched: both"),
    ("ticket_page", "ticket page"),
]


def _log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_venv(venv=DEFAULT_VENV):
    """Create the venv with the Python running this script (the portal's) and install
    django-helpdesk in it, unless that was done before."""
    venv = Path(venv)
    python = venv / "bin" / "python"
    marker = venv / ".bench-installed"
    wanted = "\n".join([f"python {sys.version_info.major}.{sys.version_info.minor}", *REQUIREMENTS])
    if marker.exists() and marker.read_text() == wanted and python.exists():
        return python
    if venv.exists() and any(venv.iterdir()) and not marker.exists():
        raise RuntimeError(f"{venv} exists and was not made by this benchmark; choose another --venv")
    _log(f"django-helpdesk: installing {DJANGO_HELPDESK} into {venv}")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *REQUIREMENTS],
        check=True,
    )
    marker.write_text(wanted)
    return python


def _site_env(database_url):
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}}
    # The site's folder is the script's folder, so it comes first on sys.path; the portal's own
    # folder must never be on it (its app is called "helpdesk" too).
    env.update({"DJANGO_SETTINGS_MODULE": "settings", "DATABASE_URL": database_url, "PYTHONHASHSEED": "0"})
    return env


def _run_site(python, script, args, database_url):
    completed = subprocess.run(  # noqa: S603
        [str(python), str(SITE / script), *args],
        cwd=SITE,
        env=_site_env(database_url),
        check=False,
        stdout=subprocess.PIPE,
        text=True,
    )
    if completed.returncode != 0:
        # Its own message went to stderr already.
        raise RuntimeError(f"django_helpdesk_site/{script} stopped with exit status {completed.returncode}")
    return json.loads(completed.stdout)


def run_comparison(
    tickets: int,
    database_url: str = DEFAULT_DATABASE_URL,
    repeat: int = 30,
    *,
    venv: str | Path = DEFAULT_VENV,
    warmup: int = 3,
    search: str = "anoniem",
    reload: bool = False,
) -> dict:
    """Load (or reuse) ``tickets`` tickets in django-helpdesk and time its pages.

    Returns the measurements: ``{"app", "version", "tickets", "pages": {name: {"p50_ms",
    "p95_ms", "queries", ...}}, "load": {...}, ...}``; see bench/README.md for the page names.
    """
    python = ensure_venv(venv)
    started = time.perf_counter()
    load_args = ["--tickets", str(tickets)] + (["--force"] if reload else [])
    load = _run_site(python, "load.py", load_args, database_url)
    load["seconds"] = round(time.perf_counter() - started, 1)
    _log(f"django-helpdesk: measuring, {repeat} repetitions after {warmup} warm-up rounds")
    result = _run_site(
        python,
        "measure.py",
        ["--repeat", str(repeat), "--warmup", str(warmup), "--search", search],
        database_url,
    )
    result["load"] = load
    return result


def print_summary(result, file=sys.stderr):
    print(
        f"\n{result['app']} {result['version']} (Django {result['django']}), {result['tickets']} tickets, "
        f"{result['followups']} follow-ups, {result['repeat']} repetitions",
        file=file,
    )
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}", file=file)
    for key, label in SUMMARY_ROWS:
        page = result["pages"][key]
        print(f"{label:34} {page['p50_ms']:8.1f} {page['p95_ms']:8.1f} {page['queries']:8d}", file=file)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help="its own database: dropped and created")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--search", default="anoniem", help="word searched for in the searched queue")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--reload", action="store_true", help="load again even when the database has N tickets")
    parser.add_argument("--json", type=Path, help="write the results to this file instead of stdout")
    args = parser.parse_args(argv)

    try:
        result = run_comparison(
            args.tickets,
            args.database_url,
            args.repeat,
            venv=args.venv,
            warmup=args.warmup,
            search=args.search,
            reload=args.reload,
        )
    except (RuntimeError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"django-helpdesk comparison failed: {error}") from None
    print_summary(result)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
