"""Keeping the search index up to date: pages in and out on publish and unpublish,
and whole subtrees when a view restriction changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from .index import index_page, reindex_subtree, unindex_page


def page_went_live(sender, instance=None, **kwargs):
    index_page(instance)


def page_went_down(sender, instance=None, **kwargs):
    unindex_page(instance)


def restriction_changed(sender, instance=None, raw=False, **kwargs):
    if raw or instance is None:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(page)


def connect() -> None:
    page_published.connect(page_went_live, dispatch_uid="search-published")
    page_unpublished.connect(page_went_down, dispatch_uid="search-unpublished")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
