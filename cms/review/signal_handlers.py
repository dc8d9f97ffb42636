"""A publish sets the page's review dates: publishing means someone looked."""

from wagtail.signals import page_published

from ..pages import BasePage
from .services import on_publish


def dates_on_publish(sender, instance, **kwargs):
    page = getattr(instance, "specific", instance)
    if isinstance(page, BasePage):
        on_publish(page)


def connect() -> None:
    page_published.connect(dates_on_publish, dispatch_uid="review-dates")
