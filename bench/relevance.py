"""Relevance of the portal's search on the real content: precision at 3 and 5, zero-result rate, misses.

Loads fixtures/menukaart into a throw-away database (the test database machinery of Django), runs
every query of sitesearch/data/relevance.yaml and prints the figures. Usage:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/via_portal .venv/bin/python bench/relevance.py
    DATABASE_URL= .venv/bin/python bench/relevance.py        # the embedded SQLite default

tests/sitesearch/test_relevance.py fails when the figures fall below those recorded in docs/search.md.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":  # not the test suite's database, so both can run at once
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{old_name}_relevance"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("load_menukaart", verbosity=0)
        from sitesearch.relevance import evaluate, report

        print(f"Database: {connection.vendor}")
        print(report(evaluate()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
