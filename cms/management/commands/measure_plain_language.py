"""Take the klarspråk measures of every live page (publishing keeps them up to
date; run this once after installing the feature or importing content)."""

from django.core.management.base import BaseCommand

from cms.plain_language.measures import measure_all


class Command(BaseCommand):
    help = "Measure every live page for the klarspråk report."

    def handle(self, *args, **options):
        self.stdout.write(f"Measured {measure_all()} page versions.")
