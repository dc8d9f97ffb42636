"""Delete snapshots older than WEB_ARCHIVE_RETENTION_DAYS (never, when it is 0).
Run every minute by run_scheduler; a no-op unless a retention is set."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from records.models import Snapshot


class Command(BaseCommand):
    help = "Delete web archive snapshots past the retention period."

    def handle(self, *args, **options):
        days = settings.WEB_ARCHIVE_RETENTION_DAYS
        if days <= 0:
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted = 0
        for snapshot in Snapshot.objects.filter(captured_at__lt=cutoff)[:500]:
            snapshot.warc.delete(save=False)
            snapshot.delete()
            deleted += 1
        if deleted:
            self.stdout.write(f"Deleted {deleted} snapshots captured before {cutoff}")
