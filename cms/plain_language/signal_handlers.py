"""After a publish: the page's klarspråk measures are taken again in the worker."""

from django.db import transaction

from wagtail.signals import page_published

from .tasks import measure_page


def queue_measure(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: measure_page.enqueue(page_id))


def connect() -> None:
    page_published.connect(queue_measure, dispatch_uid="plain-language-measure")
