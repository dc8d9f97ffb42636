"""Every minute (run by run_scheduler): give pages published before review dates
existed a date, renew cached pages whose readers are now told the review is
overdue (once a day), and on Mondays from DIGEST_HOUR queue the weekly review
reminders (once per recipient and week)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.review import services
from cms.review.tasks import queue_reminders


class Command(BaseCommand):
    help = "Fill missing review dates, renew overdue notices, queue weekly reminders."

    def handle(self, *args, **options):
        now = timezone.now()
        services.fill_missing_dates()
        services.renew_notices(timezone.localdate(now))
        queue_reminders(now)
