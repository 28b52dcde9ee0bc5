"""PostgreSQL: a covering index so the catalogue's facet counts and search read no measure rows.

Every catalogue page counts its facets over all published measures (menukaart.facets), and a search
also orders them by title. Measures are wide rows (two to a page at scale), so reading those few
short columns from the table touched every page of it. With the columns in the index PostgreSQL
answers from the index alone (an index-only scan); pages changed since the last vacuum, such as
a measure whose view count just went up, are still read from the table. SQLite: nothing to do
(it has no non-key index columns).
"""

from django.db import migrations

INDEX = "menukaart_measure_facets"
COLUMNS = ("status", "size", "effort", "cost", "evidence", "title")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        quote = schema_editor.quote_name
        included = ", ".join(quote(column) for column in COLUMNS)
        schema_editor.execute(
            f"CREATE INDEX {quote(INDEX)} ON {quote('menukaart_measure')} ({quote('id')}) INCLUDE ({included})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [("menukaart", "0008_material_in_development")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
