"""Create or update the editorial roles and workflows: idempotent.

Run it after the site's sections exist (``load_demo`` runs it for the demo site).
"""

from django.core.management.base import BaseCommand

from cms.editorial.roles import ALL_ROLES
from cms.editorial.setup import setup_editorial


class Command(BaseCommand):
    help = "Create the Swedish-named editorial groups and the Wagtail workflows."

    def handle(self, *args, **options):
        setup_editorial()
        self.stdout.write(f"Roles: {', '.join(ALL_ROLES)}; workflows assigned.")
