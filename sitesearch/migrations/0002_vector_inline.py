"""PostgreSQL: keep each document's vector in its row and move the long body terms out of it.

A search reads the vector of every matching row. Stored out of line (TOAST, which PostgreSQL does
by default to the biggest values of a row over 2 kB), each read fetched extra pages. The body terms
are read only when a document is reindexed (and on SQLite, which has no vector), so they go out of
line first. Existing rows are rewritten so they take the new storage. SQLite: nothing to do.
"""

from django.db import migrations


def _statements(schema_editor, vector: str, body: str) -> list[str]:
    table = schema_editor.quote_name("sitesearch_searchdocument")
    # Names and storage modes written here, no input: nothing to inject.
    return [
        f"ALTER TABLE {table} ALTER COLUMN vector SET STORAGE {vector}, ALTER COLUMN body_terms SET STORAGE {body}",
        f"UPDATE {table} SET vector = vector || ''::tsvector, body_terms = body_terms || ''",  # noqa: S608  # nosec B608
    ]


def keep_vector_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in _statements(schema_editor, "MAIN", "EXTERNAL"):
            schema_editor.execute(statement)


def restore_default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in _statements(schema_editor, "EXTENDED", "EXTENDED"):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [migrations.RunPython(keep_vector_inline, restore_default_storage, elidable=False)]
