"""Measuring a page after its publish, in the queue worker (not in the editor's
request: rendering both languages takes a moment)."""

from django_tasks import task

from .measures import measure


@task(backend="queue")
def measure_page(page_id: int) -> int:
    return measure(page_id)
