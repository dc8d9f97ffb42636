"""Who gets what, and sending it once.

A publish plans the deliveries (one row per subscriber and page, see Delivery) and
queues batches; a batch sends each row under a short lease over one SMTP
connection at ALERTS_PER_SECOND. The minute round (distribution_round) queues the
digests that are due, re-queues rows a crashed or failing worker left unsent and
deletes sign-ups nobody confirmed.

Written by hand: the e-mail packages for Django send newsletters an editor writes,
not alerts planned from Wagtail pages with per-language routing and a
once-per-page guarantee.
"""

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from press.models import PressReleasePage

from . import mail
from .models import Delivery, Subscriber

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def lease() -> datetime.timedelta:
    """How long a worker holds a row while sending it; a row planned this long ago
    and never taken is queued again too."""
    return datetime.timedelta(seconds=settings.ALERT_LEASE_SECONDS)


def alert_page(page_id: int):
    """The release or news item to alert about, if readers can see it now."""
    page = (
        PressReleasePage.objects.live()
        .public()
        .filter(pk=page_id)
        .prefetch_related("related_areas")
        .first()
    )
    return page


def recipients(page) -> "Q":
    """The subscribers a page is for: confirmed, not suppressed, of its kind, of
    one of its areas (or of every area), reading one of its languages."""
    kind = (
        Q(press_releases=True) if page.kind == page.KIND_PRESS_RELEASE else Q(news=True)
    )
    area_ids = [area.pk for area in page.related_areas.all()]
    areas = Q(areas__isnull=True) | Q(areas__in=area_ids)
    languages = [Subscriber.SWEDISH, Subscriber.BOTH]
    if page.is_available_in("en"):
        languages.append(Subscriber.ENGLISH)
    return kind & areas & Q(language__in=languages)


def plan(page_id: int) -> list[list[int]]:
    """Create the deliveries for a page (none twice) and return the batches of
    row ids to send at once."""
    page = alert_page(page_id)
    if page is None:
        return []
    subscribers = (
        Subscriber.objects.active()
        .filter(recipients(page))
        .values_list("pk", "frequency")
        .distinct()
    )
    Delivery.objects.bulk_create(
        [
            Delivery(
                subscriber_id=pk,
                page_id=page.pk,
                digest=frequency != Subscriber.IMMEDIATE,
            )
            for pk, frequency in subscribers.iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    ids = list(
        Delivery.objects.filter(page_id=page.pk, digest=False, sent_at=None, failed="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    size = settings.ALERT_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _claim(ids) -> int:
    """Take the lease on unsent rows; the number of rows taken."""
    now = timezone.now()
    return Delivery.objects.filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now),
        pk__in=ids,
        sent_at=None,
        failed="",
    ).update(claimed_until=now + lease())


def _pause():
    if settings.ALERTS_PER_SECOND > 0:
        time.sleep(1 / settings.ALERTS_PER_SECOND)


def send(ids: list[int]) -> list[int]:
    """Send the rows; returns the ids left for a retry (the server refused for
    now or could not be reached)."""
    remaining = list(ids)
    connection = get_connection()
    try:
        connection.open()
        while remaining:
            pk = remaining[0]
            if _claim([pk]):
                try:
                    _send_one(connection, pk)
                except (smtplib.SMTPException, OSError) as error:
                    if isinstance(error, smtplib.SMTPServerDisconnected):
                        connection.close()
                    Delivery.objects.filter(pk=pk).update(claimed_until=None)
                    logger.warning("alert %s not sent, will retry: %s", pk, error)
                    return remaining
                _pause()
            remaining.pop(0)
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("the mail server cannot be reached: %s", error)
        return remaining
    finally:
        connection.close()
    return []


def _send_one(connection, pk: int) -> None:
    delivery = Delivery.objects.select_related("subscriber").get(pk=pk)
    page = alert_page(delivery.page_id)
    message = (
        mail.alert(delivery.subscriber, page, delivery.pk) if page is not None else None
    )
    if message is None:
        # Taken down, made private or no longer in the reader's language.
        Delivery.objects.filter(pk=pk).update(failed="not public")
        return
    Delivery.objects.filter(pk=pk).update(attempts=delivery.attempts + 1)
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        refused(delivery.subscriber, [pk], error)
        return
    Delivery.objects.filter(pk=pk).update(sent_at=timezone.now())


def refused(subscriber: Subscriber, ids, error: smtplib.SMTPRecipientsRefused):
    """The server refused the address. For now (4xx): the rows are released and
    the minute round tries again. For good (5xx): nothing more is sent to it."""
    code, text = next(iter(error.recipients.values()), (0, b""))
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    rows = Delivery.objects.filter(pk__in=ids)
    if 400 <= code < 500:
        rows.update(claimed_until=None)
        return
    rows.update(failed="refused")
    Subscriber.objects.filter(pk=subscriber.pk).update(
        suppressed_at=timezone.now(), suppressed_reason=f"{code} {text}"[:200]
    )


# --- Digests ----------------------------------------------------------------------


def digest_due(subscriber: Subscriber, now: datetime.datetime) -> bool:
    local = timezone.localtime(now)
    boundary = local.replace(
        hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0
    )
    if local < boundary:
        boundary -= datetime.timedelta(days=1)
    if subscriber.frequency == Subscriber.WEEKLY:
        boundary -= datetime.timedelta(days=boundary.weekday())
    last = subscriber.last_digest_at
    return last is None or last < boundary


def due_digests(now=None) -> list[int]:
    now = now or timezone.now()
    pending = (
        Subscriber.objects.active()
        .filter(
            deliveries__digest=True, deliveries__sent_at=None, deliveries__failed=""
        )
        .exclude(frequency=Subscriber.IMMEDIATE)
        .distinct()
    )
    return [s.pk for s in pending if digest_due(s, now)]


def send_digest(subscriber_id: int) -> bool:
    """One mail with every page waiting for this subscriber; False to retry."""
    subscriber = Subscriber.objects.active().filter(pk=subscriber_id).first()
    if subscriber is None:
        return True
    rows = Delivery.objects.filter(
        subscriber=subscriber, digest=True, sent_at=None, failed=""
    )
    ids = list(rows.values_list("pk", flat=True))
    if not ids or _claim(ids) != len(ids):
        return True  # another worker has them
    pages = [alert_page(row.page_id) for row in rows.filter(pk__in=ids).order_by("pk")]
    pages = [page for page in pages if page is not None]
    message = mail.digest(subscriber, pages)
    now = timezone.now()
    if message is not None:
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as error:
            refused(subscriber, ids, error)
            return True
        except (smtplib.SMTPException, OSError) as error:
            Delivery.objects.filter(pk__in=ids).update(claimed_until=None)
            logger.warning(
                "digest for %s not sent, will retry: %s", subscriber_id, error
            )
            return False
    Delivery.objects.filter(pk__in=ids).update(sent_at=now)
    Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=now)
    return True


# --- The minute round ---------------------------------------------------------------


def stale_batches(now=None) -> list[list[int]]:
    """Rows that should have gone out and did not: their lease ran out (a worker
    crashed mid-send) or nobody took them (a batch task failed or was lost)."""
    now = now or timezone.now()
    ids = list(
        Delivery.objects.filter(
            Q(claimed_until__lt=now)
            | Q(claimed_until=None, created_at__lt=now - lease()),
            digest=False,
            sent_at=None,
            failed="",
            attempts__lt=MAX_ATTEMPTS,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    size = settings.ALERT_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def delete_unconfirmed(now=None) -> int:
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.SUBSCRIPTION_CONFIRM_DAYS)
    deleted, _ = Subscriber.objects.filter(
        confirmed_at=None, created_at__lt=cutoff
    ).delete()
    return deleted
