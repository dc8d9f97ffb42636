from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Distribution")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # models are not loaded before ready()

        # After cms (listed earlier): a publish is handled by the site first
        # (redirects, translation status, search, caches), then alerts are queued.
        signal_handlers.connect()
