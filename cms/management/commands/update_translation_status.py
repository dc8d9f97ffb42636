"""Compute the translation status of every live page and tracked snippet.

Statuses are kept up to date on publish; run this once after installing the feature
or importing content. Running it again changes nothing.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from wagtail.models import Page

from cms.bilingual.signal_handlers import is_tracked
from cms.bilingual.status import update_status
from cms.pages import BasePage


class Command(BaseCommand):
    help = "Record the translation status of live pages and tracked snippets."

    def handle(self, *args, **options):
        count = 0
        for page in Page.objects.live().specific().iterator():
            if isinstance(page, BasePage):
                update_status(page, when=page.last_published_at)
                count += 1
        for model in filter(is_tracked, apps.get_models()):
            objects = (
                model.objects.filter(live=True)
                if hasattr(model, "live")
                else model.objects
            )
            for obj in objects.all():
                update_status(obj)
                count += 1
        self.stdout.write(f"Translation status recorded for {count} objects.")
