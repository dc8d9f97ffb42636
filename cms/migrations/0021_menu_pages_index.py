"""A partial index on the pages shown in menus (written by hand: Django cannot add
an index to another app's model, here Wagtail's page table).

The menus ask for live pages with "show in menus" under a path; without this index
PostgreSQL reads every page of the section, 10,000 releases under /nyheter/, on
every uncached page view. The index holds only the few menu pages, on PostgreSQL
and SQLite alike."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0020_press_images"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            'CREATE INDEX cms_page_in_menus ON "wagtailcore_page" ("path") '
            'WHERE "show_in_menus"',
            reverse_sql="DROP INDEX IF EXISTS cms_page_in_menus",
        ),
    ]
