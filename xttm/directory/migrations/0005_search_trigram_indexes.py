"""Trigram indexes on the folded search text of people and enterprises (PostgreSQL only).

A list's search is `search_text LIKE '%word%'`. For a word many rows hold, the list
walks its order index and stops at the page's last match; for a rare word that walk
reads the whole table (17 ms over 100,000 people) to find a handful of rows. A GIN
index of trigrams answers those at once, and the planner picks between the two by
the word's estimated frequency. pg_trgm ships with PostgreSQL and is a trusted
extension (13+), so the database's owner may create it. SQLite keeps its scans: it
has no such index, and the tables it serves are small.
"""

from django.db import migrations

INDEXES = {
    "person_search_trgm": "directory_person",
    "enterprise_search_trgm": "directory_enterprise",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_person_sort_name")]

    operations = [migrations.RunPython(create, drop)]
