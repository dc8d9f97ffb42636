from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The web archive: published pages kept as public records (allmänna
    handlingar), as readers got them, in WARC files."""

    name = "records"
    verbose_name = _("Web archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, when the app registry is ready: the handlers use models.
        from . import signal_handlers

        # Listed after cms and distribution: a publish has updated the caches,
        # so the snapshot taken on commit is what readers get.
        signal_handlers.connect()
