"""Index every live page for the site search, in each language it exists in."""

from django.core.management.base import BaseCommand

from wagtail.models import Page

from cms.search.index import index_page
from cms.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the per-language search index from the live pages."

    def handle(self, *args, **options):
        SearchDocument.objects.exclude(page__live=True).delete()
        count = 0
        for page in Page.objects.live().filter(depth__gte=2).specific().iterator():
            index_page(page)
            count += 1
        self.stdout.write(f"Indexed {count} pages.")
