"""Taking snapshots of a page (each language it is published in) and finding the
pages a changed snippet shows on."""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex

from cms.i18n import absolute, page_url_in

from . import capture, warc
from .models import Snapshot

# Wagtail's log actions and the events they stand for.
EVENTS = {
    "wagtail.publish": Snapshot.PUBLISHED,
    "wagtail.publish.scheduled": Snapshot.SCHEDULED,
    "wagtail.unpublish": Snapshot.UNPUBLISHED,
    "wagtail.unpublish.scheduled": Snapshot.EXPIRED,
}


def publisher_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def languages(page) -> list[str]:
    available = getattr(page, "is_available_in", None)
    return [
        code
        for code, _name in settings.LANGUAGES
        if (available(code) if available else code == settings.LANGUAGE_CODE)
    ]


def superseded(page, event: str, revision_id) -> bool:
    """Whether the page has changed again since the event the task is for: the
    later event's own task captures it (a snapshot always shows what was served
    when it was taken, and names the revision that was live then)."""
    if event in (Snapshot.UNPUBLISHED, Snapshot.EXPIRED):
        return page.live
    if not page.live:
        return True
    return bool(revision_id) and page.live_revision_id != revision_id


def take(page_id: int, event: str, published_by: str = "", revision_id=None):
    """Snapshot ``page_id`` in each of its languages; returns the snapshots."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or superseded(page, event, revision_id):
        return []
    page = page.specific
    private = bool(page.get_view_restrictions())
    taken = []
    for language in languages(page):
        path = page_url_in(page, language)
        if not path:
            continue  # not routable (the tree's root)
        url = absolute(path)
        if page.live and private:
            answer = capture.serve_private(page, language, url)
        else:
            answer = capture.serve(url)
        taken.append(
            store(
                page,
                language,
                capture.with_files(answer),
                event=event,
                published_by=published_by,
                revision_id=revision_id or page.live_revision_id,
                private=private,
            )
        )
    return taken


def store(page, language, captured, *, event, published_by, revision_id, private):
    now = timezone.now()
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    # Never overwritten: a new name for every snapshot.
    name = f"{page.pk}/{now:%Y/%m}/{stamp}-{language}-{uuid.uuid4().hex[:8]}.warc.gz"
    metadata = {
        "page_id": page.pk,
        "revision_id": revision_id,
        "language": language,
        "url": captured.page.url,
        "title": page.title,
        "event": event,
        "published_by": published_by,
        "captured_at": now.astimezone(datetime.UTC).isoformat(),
        "status": captured.page.status,
        "private": private,
    }
    data = warc.write(captured, metadata, name.rsplit("/", 1)[-1])
    snapshot = Snapshot(
        page_id=page.pk,
        tree_path=page.path,
        revision_id=revision_id,
        language=language,
        url=captured.page.url,
        title=page.title[:255],
        event=event,
        captured_at=now,
        published_by=published_by[:255],
        status_code=captured.page.status,
        private=private,
        warc_sha256=warc.sha256(data),
        html_sha256=warc.sha256(captured.page.body),
        size=len(data),
        resources=len(captured.resources),
    )
    snapshot.warc.save(name, ContentFile(data), save=False)
    snapshot.save()
    return snapshot


def pages_showing(obj) -> list[int]:
    """Live pages that show ``obj`` (a snippet, a fact box, an image), from
    Wagtail's reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        .distinct()
    )
    return list(
        Page.objects.live()
        .filter(pk__in=[int(i) for i in ids])
        .values_list("pk", flat=True)
    )
