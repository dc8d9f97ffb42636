from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site core")

    def ready(self):
        from wagtail.models import get_page_models

        from . import checks, patches, routing, signals, slugs  # noqa: F401
        from .models import BasePage

        signals.connect()
        patches.install()
        # After wagtail-modeltranslation patched the page models (its app is ready
        # first): routing by translated slug, slug checks without loading siblings.
        routing.install(m for m in get_page_models() if issubclass(m, BasePage))
        slugs.install(get_page_models())
