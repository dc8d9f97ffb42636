"""The background tasks (django-tasks on the "queue" backend, run by db_worker).

A task's arguments are ids, never objects: the worker reads the rows as they are
when it runs, so a page taken down or an address unsubscribed in between is seen.
"""

import datetime

from django.utils import timezone

from django_tasks import task

from . import mail, previews, sending
from .models import PreviewLink, Subscriber

QUEUE = "queue"
RETRY_DELAYS = [30, 120, 600, 1800, 3600]  # seconds, then the minute round


@task(backend=QUEUE)
def plan_alerts(page_id: int) -> int:
    """After a publish: create the deliveries and queue their batches."""
    batches = sending.plan(page_id)
    for ids in batches:
        send_alerts.enqueue(ids, 0)
    return sum(len(ids) for ids in batches)


@task(backend=QUEUE)
def send_alerts(ids: list[int], retry: int) -> int:
    """Send one batch; what the mail server refused for now is tried again later."""
    left = sending.send(ids)
    if left and retry < len(RETRY_DELAYS):
        later = timezone.now() + datetime.timedelta(seconds=RETRY_DELAYS[retry])
        send_alerts.using(run_after=later).enqueue(left, retry + 1)
    return len(ids) - len(left)


@task(backend=QUEUE)
def send_digest(subscriber_id: int) -> bool:
    return sending.send_digest(subscriber_id)


@task(backend=QUEUE)
def send_confirmation(subscriber_id: int, language: str) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    if subscriber.confirmed_at is None:
        mail.confirmation(subscriber, language).send()
    else:
        mail.already_subscribed(subscriber, language).send()
    return True


@task(backend=QUEUE)
def send_preview(link_id: int) -> bool:
    """Mail one journalist their personal preview link (never twice)."""
    link = PreviewLink.objects.filter(pk=link_id, sent_at=None, revoked_at=None).first()
    if link is None:
        return False
    mail.preview(link, previews.token_for(link)).send()
    PreviewLink.objects.filter(pk=link.pk).update(sent_at=timezone.now())
    return True
