"""The review reminder, sent by the queue worker (db_worker --backend queue)."""

import datetime

from django.utils import timezone

from django_tasks import task

from . import mail
from .models import ReviewReminder
from .services import claim_reminders, digests

QUEUE = "queue"


@task(backend=QUEUE)
def send_review_digest(reminder_id: int, day: str) -> bool:
    """Send this week's reminder for ``day`` (the round's date), with the pages as
    they stand when it runs (one reviewed since the round is left out). The row
    is claimed first, so two workers never send it twice; a failure gives it
    back for the round to queue again."""
    now = timezone.now()
    if not ReviewReminder.objects.filter(pk=reminder_id, sent_at=None).update(
        sent_at=now
    ):
        return False
    reminder = ReviewReminder.objects.get(pk=reminder_id)
    digest = digests(datetime.date.fromisoformat(day)).get(reminder.recipient)
    try:
        if digest and digest.items():
            mail.reminder(digest).send()
    except Exception:
        ReviewReminder.objects.filter(pk=reminder_id).update(sent_at=None)
        raise
    return True


def queue_reminders(now: datetime.datetime) -> list[int]:
    """The weekly round (review_round, every minute): queue this week's
    reminders once per recipient. Returns the reminder ids queued."""
    ids = claim_reminders(now)
    day = timezone.localtime(now).date().isoformat()
    for pk in ids:
        send_review_digest.enqueue(pk, day)
    return ids
