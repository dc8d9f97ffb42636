"""Build the demo site: ``python manage.py load_demo``. Idempotent.

Each installed app may provide ``<app>/demo.py`` with ``ORDER`` (int) and
``load(out)``. They are discovered here rather than imported, so ``cms`` imports no
app (the import rule in DESIGN.md).
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from cms.editorial.setup import setup_editorial


class Command(BaseCommand):
    help = "Create or update the demo content (safe to run again)."

    def handle(self, *args, **options):
        modules = []
        for config in apps.get_app_configs():
            name = f"{config.name}.demo"
            if importlib.util.find_spec(name) is not None:
                modules.append(importlib.import_module(name))
        modules.sort(key=lambda module: module.ORDER)
        with translation.override("sv"), transaction.atomic():
            for module in modules:
                self.stdout.write(f"{module.__name__}:")
                module.load(self.stdout)
            # Roles and workflows need the sections to exist.
            setup_editorial()
            self.stdout.write("roles and workflows: in place")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
