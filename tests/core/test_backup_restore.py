"""Backup and restore, as docs/operations.md tells an operator to do it: pg_dump in the custom
format, pg_restore into a fresh empty database, and the portal serves the restored data."""

import os
import shutil
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Run in a fresh process against the restored database: the portal's own settings, nothing faked.
SERVE_SCRIPT = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/menukaart/maatregel/{slug}/")
print(response.status_code)
print("{title}" in response.content.decode())
"""


def _pg(*args: str) -> list[str]:
    db = settings.DATABASES["default"]
    return [*args, "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"] or "postgres"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed for the backup test (Debian: postgresql-client)"
    return path


def test_a_dump_restored_into_a_fresh_database_is_served_by_the_portal(tmp_path):
    """A measure written before the dump is on the restored portal's page; nothing else is needed."""
    measure = MeasureFactory(slug="hersteld-uit-back-up", title="Maatregel die de back-up overleeft")
    dump = tmp_path / "portal.dump"
    restored = f"restore_{uuid.uuid4().hex[:10]}"

    subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [*_pg(_tool("pg_dump"), "--format=custom", "--file", str(dump)), connection.settings_dict["NAME"]],
        check=True,
    )
    subprocess.run([*_pg(_tool("createdb")), restored], check=True)  # noqa: S603
    try:
        subprocess.run(  # noqa: S603
            [*_pg(_tool("pg_restore"), "--no-owner", "--exit-on-error", "-d", restored), str(dump)], check=True
        )
        db = settings.DATABASES["default"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{restored}",
        }
        script = SERVE_SCRIPT.format(slug=measure.slug, title=measure.title)
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
        )
        assert result.stdout.split() == ["200", "True"], result.stderr
        # The restored database has every migration applied: nothing to migrate after a restore.
        check = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "--check", "--noinput"],
            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        subprocess.run([*_pg(_tool("dropdb")), "--if-exists", restored], check=True)  # noqa: S603
