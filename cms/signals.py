"""Signal handlers: keep the page cache (and a CDN) never stale, and keep old URLs
working in both languages after moves and slug changes."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
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
        _translation_deleted(sender, instance=instance)


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


# --- Redirects from old URLs in both languages -----------------------------------
# Wagtail's own automatic redirects only cover the language that happens to be
# active in the admin, so they are switched off (WAGTAILREDIRECTS_AUTO_CREATE) and
# these handlers (and BasePage.save for slug changes) create them for every
# language, for the page and its descendants.

_urls_before_move: dict[int, dict[int, dict[str, str]]] = {}


def urls_by_language(pages) -> dict[int, dict[str, str]]:
    from django.utils import translation

    result = {}
    for page in pages:
        urls = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                urls[language] = page.get_url()
        result[page.pk] = urls
    return result


def subtree(page):
    return list(Page.objects.filter(path__startswith=page.path).order_by("path"))


def add_redirects(before: dict[int, dict[str, str]], after_pages) -> None:
    """Redirect every URL in ``before`` that changed to the page it belonged to."""
    from wagtail.contrib.redirects.models import Redirect

    after = urls_by_language(after_pages)
    by_pk = {page.pk: page for page in after_pages}
    for pk, urls in before.items():
        page = by_pk.get(pk)
        if page is None:
            continue
        for language, old_url in urls.items():
            new_url = after[pk].get(language)
            if not old_url or old_url == new_url:
                continue
            normalised = Redirect.normalise_path(old_url)
            site = page.get_site()
            Redirect.objects.filter(old_path=normalised, site=site).delete()
            Redirect.add_redirect(
                normalised,
                redirect_to=page,
                is_permanent=True,
                site=site,
                automatically_created=True,
            )


def _before_move(sender, instance=None, **kwargs):
    _urls_before_move[instance.pk] = urls_by_language(subtree(instance))


def _after_move(sender, instance=None, **kwargs):
    before = _urls_before_move.pop(instance.pk, None)
    if before:
        add_redirects(before, subtree(Page.objects.get(pk=instance.pk)))


# --- Translation status ------------------------------------------------------------


def _translation_published(sender, instance=None, **kwargs):
    from .translation_status import update_status

    obj = instance.specific if isinstance(instance, Page) else instance
    update_status(obj)


# --- Search index ------------------------------------------------------------------


def _index_published(sender, instance=None, **kwargs):
    from .search import index_page

    index_page(instance)


def _index_unpublished(sender, instance=None, **kwargs):
    from .search import unindex_page

    unindex_page(instance)


def _restriction_changed(sender, instance=None, raw=False, **kwargs):
    if raw or instance is None:
        return
    from .search import reindex_subtree

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(page)


def _translation_saved(sender, instance=None, raw=False, **kwargs):
    if raw:
        return
    from .translation_status import update_status

    update_status(instance)


def _translation_deleted(sender, instance=None, **kwargs):
    from django.contrib.contenttypes.models import ContentType

    from .models import TranslationStatus

    if instance is None or instance.pk is None:
        return
    TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
    ).delete()


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="pagecache-moved")
    pre_page_move.connect(_before_move, dispatch_uid="redirects-before-move")
    post_page_move.connect(_after_move, dispatch_uid="redirects-after-move")
    post_delete.connect(_deleted, dispatch_uid="pagecache-deleted")
    # Snippets with draft state signal (un)publication; other shown models are saved.
    published.connect(_object_changed, dispatch_uid="pagecache-snippet-published")
    unpublished.connect(_object_changed, dispatch_uid="pagecache-snippet-unpublished")
    page_published.connect(_translation_published, dispatch_uid="translation-page")
    page_published.connect(_index_published, dispatch_uid="search-index-page")
    page_unpublished.connect(_index_unpublished, dispatch_uid="search-unindex-page")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
    published.connect(_translation_published, dispatch_uid="translation-snippet")
    for label in settings.TRANSLATION_TRACKED_SNIPPETS:
        model = apps.get_model(label)
        if not hasattr(model, "live"):  # snippets without drafts change on save
            post_save.connect(
                _translation_saved,
                sender=model,
                dispatch_uid=f"translation-save-{label}",
            )
        post_delete.connect(
            _translation_deleted,
            sender=model,
            dispatch_uid=f"translation-delete-{label}",
        )
    for label in settings.PAGE_CACHE_INVALIDATING_MODELS:
        model = apps.get_model(label)
        post_save.connect(
            _object_changed, sender=model, dispatch_uid=f"pagecache-save-{label}"
        )
        post_delete.connect(
            _object_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}"
        )
