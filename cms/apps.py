from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site core")

    def ready(self):
        from . import checks, patches, redirects  # noqa: F401
        from .bilingual import signal_handlers as bilingual
        from .caching import signal_handlers as caching
        from .search import signal_handlers as search

        # After wagtail-modeltranslation (an app listed earlier) patched the page
        # models: every patch of Wagtail's own code, listed in cms/patches.py.
        patches.install()
        # The order in which a publish, move or delete is handled: redirects for the
        # old addresses, the translation status, the search index, and last the
        # caches, so nothing is rendered into a cache from a half-updated state.
        redirects.connect()
        bilingual.connect()
        search.connect()
        caching.connect()
