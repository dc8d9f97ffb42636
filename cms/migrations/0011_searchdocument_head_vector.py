"""SearchDocument.head_vector (title and lead) for cheap ranking, filled on
PostgreSQL for the pages already indexed. SQLite does not use it."""

import django.contrib.postgres.search
from django.db import migrations

FILL = """
UPDATE cms_searchdocument SET head_vector =
    setweight(to_tsvector(c.config, title), 'A') || setweight(to_tsvector(c.config, lead), 'B')
FROM (VALUES ('sv', 'swedish'::regconfig), ('en', 'english'::regconfig)) AS c(language, config)
WHERE cms_searchdocument.language = c.language
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [("cms", "0010_rename_decorative")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="head_vector",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
