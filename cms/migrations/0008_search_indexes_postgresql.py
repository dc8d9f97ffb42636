"""PostgreSQL-only search indexes: a GIN index on the full-text vector and a trigram
index on titles (pg_trgm). SQLite uses the simpler search path in cms.search."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS cms_searchdocument_vector_gin "
        "ON cms_searchdocument USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS cms_searchdocument_title_trgm "
        "ON cms_searchdocument USING gin (title gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS cms_searchdocument_vector_gin")
    schema_editor.execute("DROP INDEX IF EXISTS cms_searchdocument_title_trgm")


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_searchterm_searchdocument")]

    operations = [migrations.RunPython(create, drop)]
