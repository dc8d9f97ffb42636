from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site core")

    def ready(self):
        from wagtail.models import get_page_models

        from . import routing, signals
        from .models import BasePage

        signals.connect()
        # After wagtail-modeltranslation patched route() (its app is ready first).
        routing.install(m for m in get_page_models() if issubclass(m, BasePage))
