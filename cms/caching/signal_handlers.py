"""What makes the caches stale: publishing, unpublishing, moving or deleting a page,
publishing a snippet, and saving anything else that pages show."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, post_page_move, published, unpublished

from . import scopes
from .cdn import purge_frontend_cache
from .generation import invalidate

# Wagtail's own models that change what readers see. Our models say so themselves
# (``invalidates_page_cache = True``).
WAGTAIL_MODELS_SHOWN_ON_PAGES = (
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",  # a page made private must leave the cache
    "wagtailredirects.Redirect",
    # Document links show the title, type and size of the file.
    "wagtaildocs.Document",
)


# Fields Wagtail saves on its own when an editor saves a draft (autosave
# included) or locks an object: readers see none of them.
BOOKKEEPING_FIELDS = frozenset(
    ("latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by")
)


def content_changed(sender, instance=None, **kwargs):
    """A page or snippet changed as readers see it: Wagtail's ``unpublished``
    (pages and snippets), ``published`` (snippets: a page's publish comes
    through ``page_published``, below) and the saves and deletes of what pages
    show (``object_changed``)."""
    reason = f"{sender._meta.label} {getattr(instance, 'pk', '')}"
    if isinstance(instance, Page):
        # Wagtail's scheduled expiry and bulk unpublish send a plain Page: what
        # it is decides what changes.
        instance = instance.specific
    if scoped(instance):
        # Listings change everywhere; of the release pages, only those that show
        # it (cms.caching.scopes).
        invalidate(reason, site=False)
        if isinstance(instance, Page):
            scopes.release_changed(instance)
        else:
            scopes.bump([scopes.snippet_scope(type(instance), instance.pk)])
    elif (
        isinstance(instance, Page)
        and settings.PAGE_CACHE_TARGETED
        and not scopes.shown_differently(instance)
    ):
        # Published as release pages show it (title, address, menus): of the
        # release pages, none changes.
        invalidate(reason, site=False)
    else:
        invalidate(reason)
    if isinstance(instance, Page):
        purge_frontend_cache(instance)


def scoped(instance) -> bool:
    """Whether a change of ``instance`` changes, of the release pages, only
    those that show it (cms.caching.scopes): a release's publish or unpublish,
    or a change of a snippet that says so (``cache_scoped``)."""
    return getattr(instance, "cache_scoped", False) and settings.PAGE_CACHE_TARGETED


def snippet_published(sender, instance=None, **kwargs):
    if not isinstance(instance, Page):
        content_changed(sender, instance, **kwargs)


def page_went_live(sender, instance=None, **kwargs):
    """Wagtail's ``page_published``: sent for every page publish, and also, unlike
    ``published``, for a copy published as it is made and for each alias of a
    published page. One invalidation and one purge per page."""
    content_changed(sender, instance, **kwargs)


def page_moved(sender, instance=None, **kwargs):
    invalidate(f"page moved {getattr(instance, 'pk', '')}")
    purge_frontend_cache(instance)


def object_changed(sender, instance=None, update_fields=None, **kwargs):
    if update_fields and BOOKKEEPING_FIELDS.issuperset(update_fields):
        # A draft saved (every autosave) or a lock taken: the row readers see is
        # as it was. Emptying the cache here emptied it every second or so
        # while an editor typed in a snippet.
        return
    content_changed(sender, instance)


def shown_on_pages():
    models = [apps.get_model(label) for label in WAGTAIL_MODELS_SHOWN_ON_PAGES]
    models += [
        model
        for model in apps.get_models()
        if getattr(model, "invalidates_page_cache", False)
    ]
    return models


def page_deleted(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        invalidate(f"page deleted {instance.pk}")


def connect() -> None:
    published.connect(snippet_published, dispatch_uid="caching-published")
    page_published.connect(page_went_live, dispatch_uid="caching-page-published")
    unpublished.connect(content_changed, dispatch_uid="caching-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="caching-moved")
    post_delete.connect(page_deleted, dispatch_uid="caching-page-deleted")
    for model in shown_on_pages():
        label = model._meta.label
        # Saved rows: a snippet with drafts is also saved directly (a first
        # draft, a data migration, the shell), and pages show its row. A draft
        # of a live one saves only bookkeeping (object_changed skips it).
        for signal in (post_save, post_delete):
            signal.connect(
                object_changed,
                sender=model,
                dispatch_uid=f"caching-{signal is post_save}-{label}",
            )
