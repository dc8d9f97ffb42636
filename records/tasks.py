"""Snapshots are taken in the queue worker, never in the editor's request."""

from django_tasks import task

from . import mail, snapshots


@task(backend="queue")
def snapshot_page(page_id: int, event: str, published_by: str, revision_id) -> int:
    return len(snapshots.take(page_id, event, published_by, revision_id))


@task(backend="queue")
def send_archive_request(data: dict, language: str) -> bool:
    message = mail.archive_request(data, language)
    if message is None:
        return False
    message.send()
    return True
