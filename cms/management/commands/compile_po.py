"""Compile ``locale/*/LC_MESSAGES/django.po`` to ``.mo`` files.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh machine
with only Python may lack; polib (pure Python) does the same job, so ``make run`` and
``make test`` work anywhere. The ``.mo`` files are build output and not committed.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

import polib


class Command(BaseCommand):
    help = "Compile the project's .po translation catalogues to .mo files."

    def handle(self, *args, **options):
        count = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
