from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site core")

    def ready(self):
        # Imported here, when the app registry is ready: they use models.
        from . import checks, patches, redirects, view_restrictions  # noqa: F401
        from .bilingual import signal_handlers as bilingual
        from .caching import signal_handlers as caching
        from .plain_language import signal_handlers as plain_language  # models
        from .review import signal_handlers as review  # models
        from .search import signal_handlers as search

        # After wagtail-modeltranslation (an app listed earlier) patched the page
        # models: every patch of Wagtail's own code, listed in cms/patches.py.
        patches.install()
        # The order in which a publish, move or delete is handled: redirects for the
        # old addresses, the translation status, the review dates, the search
        # index, and last the caches, so nothing is rendered into a cache from a
        # half-updated state. The klarspråk measures are queued for the worker.
        # First, a moved page or changed view restriction empties the request's
        # memo of view restrictions, so every handler after it sees the change.
        view_restrictions.connect()
        redirects.connect()
        bilingual.connect()
        review.connect()
        search.connect()
        caching.connect()
        plain_language.connect()
