"""Every minute (run by run_scheduler): queue the digests that are due, queue again
the alerts a crashed or failing worker left unsent, and delete sign-ups that
were never confirmed."""

from django.core.management.base import BaseCommand

from distribution import sending
from distribution.tasks import send_alerts, send_digest


class Command(BaseCommand):
    help = "Queue due digests and unsent alerts; delete unconfirmed sign-ups."

    def handle(self, *args, **options):
        for subscriber_id in sending.due_digests():
            send_digest.enqueue(subscriber_id)
        for ids in sending.stale_batches():
            send_alerts.enqueue(ids, 0)
        sending.delete_unconfirmed()
