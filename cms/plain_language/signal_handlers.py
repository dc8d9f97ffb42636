"""After a publish: the page's klarspråk measures are taken again in the worker;
after an unpublish they leave the report."""

from django.db import transaction

from wagtail.signals import page_published, page_unpublished

from .models import PlainLanguageMeasure
from .tasks import measure_page


def queue_measure(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: measure_page.enqueue(page_id))


def forget_measures(sender, instance, **kwargs):
    PlainLanguageMeasure.objects.filter(page_id=instance.pk).delete()


def connect() -> None:
    page_published.connect(queue_measure, dispatch_uid="plain-language-measure")
    page_unpublished.connect(forget_measures, dispatch_uid="plain-language-forget")
