"""Add wagtail-modeltranslation's per-language columns to Wagtail's page table.

wagtail-modeltranslation adds ``title_sv``, ``slug_en``... to ``wagtailcore.Page`` at
runtime, but Wagtail owns that model's migrations, so the library asks for a separate
(interactive) ``sync_page_translation_fields`` step. Doing it here instead means a
plain, non-interactive ``migrate`` leaves the database complete. The step is
idempotent: columns that already exist are left alone. Filling the Swedish columns
of existing rows is the next migration: PostgreSQL refuses to alter or index a table
with pending trigger events from rows changed in the same transaction.
"""

from django.conf import settings
from django.db import migrations

from cms.migrations._page_fields import TRANSLATED_PAGE_FIELDS


def add_page_translation_columns(apps, schema_editor):
    # The runtime model is the one that carries the translation fields.
    from wagtail.models import Page

    connection = schema_editor.connection
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        existing = {
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
        }
    for name in TRANSLATED_PAGE_FIELDS:
        for language, _label in settings.LANGUAGES:
            field = Page._meta.get_field(f"{name}_{language}")
            if field.column not in existing:
                schema_editor.add_field(Page, field)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_customimage_person_sitesettings_customrendition"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(add_page_translation_columns, migrations.RunPython.noop),
    ]
