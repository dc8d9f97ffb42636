"""Queue the alerts when a release or news item is published (at once, or by the
scheduler when an embargo lifts) with "Notify subscribers" ticked."""

from django.db import transaction

from wagtail.signals import page_published

from press.models import PressReleasePage

from .tasks import plan_alerts


def queue_alerts(sender, instance, revision=None, **kwargs):
    if not getattr(instance, "notify_subscribers", False):
        return
    page_id = instance.pk
    # After the commit: the worker must find the page live.
    transaction.on_commit(lambda: plan_alerts.enqueue(page_id))


def connect() -> None:
    page_published.connect(
        queue_alerts, sender=PressReleasePage, dispatch_uid="distribution.alerts"
    )
