"""A snapshot after every publish, scheduled go-live, unpublish and expiry, and of
every page showing a snippet when the snippet is published again."""

from django.db import transaction

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published

from .snapshots import last_action, pages_showing
from .tasks import snapshot_page


def _queue(page_id: int, revision_id=None) -> None:
    # On commit, when Wagtail's log entry (who, scheduled or not) is written and
    # the caches have been renewed.
    def enqueue():
        event, who = last_action(page_id)
        snapshot_page.enqueue(page_id, event, who, revision_id)

    transaction.on_commit(enqueue)


def page_published_handler(sender, instance, revision=None, **kwargs):
    # Wagtail also sends page_published when a first publication is only
    # scheduled (the page stays unpublished until go-live): nothing readers see
    # has changed, and an embargoed text must not be captured before its time.
    if instance.live:
        _queue(instance.pk, getattr(revision, "pk", None))


def page_unpublished_handler(sender, instance, **kwargs):
    _queue(instance.pk)


def snippet_published(sender, instance, **kwargs):
    if isinstance(instance, Page) or not getattr(
        type(instance), "invalidates_page_cache", False
    ):
        return

    def enqueue():
        for page_id in pages_showing(instance):
            snapshot_page.enqueue(page_id, "related", "", None)

    transaction.on_commit(enqueue)


def connect() -> None:
    page_published.connect(page_published_handler, dispatch_uid="records-published")
    page_unpublished.connect(
        page_unpublished_handler, dispatch_uid="records-unpublished"
    )
    published.connect(snippet_published, dispatch_uid="records-snippet")
