"""The shared cache's table (settings: CACHES without REDIS_URL), made by migrate so
that no set-up needs a step of its own. Does nothing when the cache is elsewhere."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("cms", "0011_searchdocument_head_vector")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
