"""Give pages that existed before the translation columns (Wagtail's root and welcome
pages) their current values as the Swedish (source language) values."""

from django.conf import settings
from django.db import migrations

from cms.migrations._page_fields import TRANSLATED_PAGE_FIELDS


def fill_swedish_values(apps, schema_editor):
    quote = schema_editor.quote_name
    table = quote("wagtailcore_page")
    for name in TRANSLATED_PAGE_FIELDS:
        source = quote(f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}")
        schema_editor.execute(
            f"UPDATE {table} SET {source} = {quote(name)} WHERE {source} IS NULL"  # noqa: S608
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_page_translation_columns")]

    operations = [migrations.RunPython(fill_swedish_values, migrations.RunPython.noop)]
