"""Purging a CDN in front of the site (WAGTAILFRONTENDCACHE) when a page changes.

Wagtail's frontend-cache app would purge the page's own address on publish; this
purges it in both languages with the listings, feeds and sitemap that show it, once
per change and after the change is committed (the app itself is not installed;
its PurgeBatch is used).
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import PurgeBatch


def purge_frontend_cache(page) -> None:
    if page is None or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    transaction.on_commit(lambda: _purge(page))


def _purge(page) -> None:
    batch = PurgeBatch()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            urls = [page.get_full_url()]
            urls += [ancestor.get_full_url() for ancestor in page.get_ancestors()[1:]]
            urls = [url for url in urls if url]
            batch.add_urls(urls)
            if urls:
                root = urls[-1] if len(urls) > 1 else urls[0]
                batch.add_urls([root + "rss/", root + "atom/"])
    batch.add_url(settings.BASE_URL + "/sitemap.xml")
    batch.purge()
