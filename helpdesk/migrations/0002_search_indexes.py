"""Trigram indexes for the queue search (icontains on subject, organisation and question).

PostgreSQL only (pg_trgm is a trusted extension since PostgreSQL 13, so the database owner may
create it); a no-op on SQLite. Django's icontains compiles to UPPER(col) LIKE UPPER(%s), hence the
indexes on UPPER(...).
"""

from django.db import migrations

COLUMNS = ("subject", "employer_name", "question")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS helpdesk_ticket_{column}_trgm "
            f'ON helpdesk_ticket USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS helpdesk_ticket_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
