"""A snapshot after every publish, scheduled go-live, unpublish and expiry, and of
every page showing a snippet when the snippet is published again.

Pages are followed through Wagtail's audit log rather than page_published: the
log entry is written once per publish or unpublish, after the page is saved,
and it alone says who did it and whether the scheduler did (the signal says
neither, and Wagtail also sends page_published when a first publication is only
scheduled, which must not capture an embargoed text)."""

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import Page, PageLogEntry
from wagtail.signals import published

from .models import Snapshot
from .snapshots import EVENTS, pages_showing, publisher_name
from .tasks import snapshot_page


def page_logged(sender, instance, created=False, raw=False, **kwargs):
    if not created or raw or instance.action not in EVENTS:
        return
    page_id = instance.page_id
    event = EVENTS[instance.action]
    who = publisher_name(instance.user)
    revision_id = instance.revision_id
    # On commit: the worker must find the page as it was committed.
    transaction.on_commit(
        lambda: snapshot_page.enqueue(page_id, event, who, revision_id)
    )


def snippet_published(sender, instance, **kwargs):
    if isinstance(instance, Page) or not getattr(
        type(instance), "invalidates_page_cache", False
    ):
        return

    def enqueue():
        for page_id in pages_showing(instance):
            snapshot_page.enqueue(page_id, Snapshot.RELATED, "", None)

    transaction.on_commit(enqueue)


def connect() -> None:
    post_save.connect(page_logged, sender=PageLogEntry, dispatch_uid="records-log")
    published.connect(snippet_published, dispatch_uid="records-snippet")
