"""Signal handlers: keep the page cache (and a CDN, when configured) never stale."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .cache import invalidate


def _page_changed(sender, instance=None, **kwargs):
    invalidate(f"{kwargs.get('signal_name', 'page')} {getattr(instance, 'pk', '')}")
    purge_frontend_cache(instance)


def _object_changed(sender, instance=None, **kwargs):
    invalidate(f"{sender._meta.label} {getattr(instance, 'pk', '')}")


def _deleted(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        invalidate(f"page deleted {instance.pk}")


def purge_frontend_cache(page) -> None:
    """Purge the page in both languages, and the listings, feeds and sitemap that
    show it, from a configured CDN (WAGTAILFRONTENDCACHE)."""
    if page is None or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from django.utils import translation

    from wagtail.contrib.frontend_cache.utils import PurgeBatch

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


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="pagecache-moved")
    post_delete.connect(_deleted, dispatch_uid="pagecache-deleted")
    # Snippets with draft state signal (un)publication; other shown models are saved.
    published.connect(_object_changed, dispatch_uid="pagecache-snippet-published")
    unpublished.connect(_object_changed, dispatch_uid="pagecache-snippet-unpublished")
    for label in settings.PAGE_CACHE_INVALIDATING_MODELS:
        model = apps.get_model(label)
        post_save.connect(
            _object_changed, sender=model, dispatch_uid=f"pagecache-save-{label}"
        )
        post_delete.connect(
            _object_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}"
        )
