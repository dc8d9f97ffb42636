"""Delete reader comments older than FEEDBACK_RETENTION_MONTHS (the yes/no answers
are kept for the statistics). Run daily from cron, for example:

    15 3 * * * cd /srv/nyhetsrum && .venv/bin/python manage.py purge_feedback_comments
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.feedback.models import Feedback


class Command(BaseCommand):
    help = "Delete feedback comments older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Override FEEDBACK_RETENTION_MONTHS for this run.",
        )

    def handle(self, *args, months=None, **options):
        months = settings.FEEDBACK_RETENTION_MONTHS if months is None else months
        cutoff = timezone.now() - datetime.timedelta(days=round(months * 365.25 / 12))
        deleted = (
            Feedback.objects.filter(created_at__lt=cutoff)
            .exclude(comment="")
            .update(comment="")
        )
        self.stdout.write(f"Deleted {deleted} comment(s) older than {months} months.")
